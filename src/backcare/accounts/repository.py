"""All SQL about accounts, sign-in sessions, API tokens, one-time links and failure counters."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from backcare.accounts.models import Account, ApiToken, LoginFailures, LoginSession, SignInLink


def add(session: Session, row: Account | LoginSession | ApiToken | SignInLink) -> None:
    """Insert a row (flushed, so constraints are checked now)."""
    session.add(row)
    session.flush()


def account_by_name(session: Session, username: str) -> Account | None:
    """The account with this (normalised) name."""
    return session.scalars(select(Account).where(Account.username == username)).one_or_none()


def account_by_id(session: Session, account_id: str) -> Account | None:
    """The account with this id."""
    return session.get(Account, account_id)


def account_of_patient(session: Session, patient_id: str) -> Account | None:
    """The person account linked to a record."""
    return session.scalars(select(Account).where(Account.patient_id == patient_id)).one_or_none()


def accounts(session: Session) -> Sequence[Account]:
    """Every account, oldest first."""
    return session.scalars(select(Account).order_by(Account.created_at, Account.username)).all()


def local_owner(session: Session) -> Account | None:
    """The account of whoever runs Backcare on their own computer, if made."""
    return session.scalars(select(Account).where(Account.local_owner.is_(True))).first()


def end_sessions(session: Session, account_id: str) -> int:
    """Delete every sign-in session of an account; how many there were."""
    result = session.execute(delete(LoginSession).where(LoginSession.account_id == account_id))
    return int(getattr(result, "rowcount", 0) or 0)


def end_session(session: Session, token_hash: str) -> str | None:
    """Delete one sign-in session; the account it belonged to, if any."""
    query = (
        delete(LoginSession)
        .where(LoginSession.token_hash == token_hash)
        .returning(LoginSession.account_id)
    )
    return session.scalars(query).first()


def touch_session(session: Session, token_hash: str, now: datetime) -> None:
    """Record that a session was used now (its idle timeout starts again)."""
    session.execute(
        update(LoginSession).where(LoginSession.token_hash == token_hash).values(last_seen_at=now)
    )


def revoke_tokens(session: Session, account_id: str, now: datetime) -> None:
    """Revoke every live API token of an account."""
    session.execute(
        update(ApiToken)
        .where(ApiToken.account_id == account_id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )


def tokens_of(session: Session, account_id: str) -> Sequence[ApiToken]:
    """An account's API tokens, newest first."""
    query = select(ApiToken).where(ApiToken.account_id == account_id)
    return session.scalars(query.order_by(ApiToken.created_at.desc(), ApiToken.id)).all()


def token_of(session: Session, account_id: str, token_id: str) -> ApiToken | None:
    """One of an account's API tokens, by its public id."""
    query = select(ApiToken).where(ApiToken.account_id == account_id, ApiToken.id == token_id)
    return session.scalars(query).one_or_none()


def link(session: Session, token_hash: str) -> SignInLink | None:
    """The one-time link with this hash, locked until the transaction ends."""
    query = select(SignInLink).where(SignInLink.token_hash == token_hash).with_for_update()
    return session.scalars(query).one_or_none()


def drop_unused_links(session: Session, account_id: str) -> None:
    """Forget an account's unused links: a new one replaces them."""
    session.execute(
        delete(SignInLink).where(SignInLink.account_id == account_id, SignInLink.used_at.is_(None))
    )


def failures(session: Session, keys: Sequence[str]) -> Sequence[LoginFailures]:
    """The failure counters of these keys (missing ones have no failures)."""
    return session.scalars(select(LoginFailures).where(LoginFailures.key.in_(keys))).all()


def count_failure(session: Session, key: str, now: datetime, *, failures: int) -> None:
    """Store a counter's new value."""
    row = session.get(LoginFailures, key)
    if row is None:
        session.add(LoginFailures(key=key, failures=failures, last_failure_at=now))
    else:
        row.failures = failures
        row.last_failure_at = now
    session.flush()


def forget_failures(session: Session, keys: Sequence[str]) -> None:
    """Reset counters (after a successful sign-in)."""
    session.execute(delete(LoginFailures).where(LoginFailures.key.in_(keys)))


def forget_failures_before(session: Session, cutoff: datetime) -> None:
    """Remove counters untouched since ``cutoff``, so made-up names cannot fill the table."""
    session.execute(delete(LoginFailures).where(LoginFailures.last_failure_at < cutoff))

"""All SQL about care access, break-glass, and loading who a credential belongs to."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import Row, Select, bindparam, exists, select, update
from sqlalchemy.orm import Session

from backcare.access.models import BreakGlass, CareAccess
from backcare.accounts.models import Account, ApiToken, LoginSession
from backcare.store.driver_query import DriverQuery

AnyRow = Row[*tuple[Any, ...]]
AnySelect = Select[*tuple[Any, ...]]

_ACCOUNT_COLUMNS = (
    Account.id.label("account_id"),
    Account.username,
    Account.role,
    Account.patient_id,
    Account.disabled,
    Account.totp_secret.is_not(None).label("has_totp"),
)


def _facts() -> tuple[Any, Any, Any, Any]:
    """Whether the account has care access to ``:patient_id`` (for the whole record, or for the
    plan and progress only), or a live break-glass on it."""
    live = (
        CareAccess.clinician_id == Account.id,
        CareAccess.patient_id == bindparam("patient_id"),
        CareAccess.revoked_at.is_(None),
    )
    care = exists().where(*live)
    whole = exists().where(*live, CareAccess.whole_record.is_(True))
    plan_only = exists().where(*live, CareAccess.plan_and_progress_only.is_(True))
    glass = exists().where(
        BreakGlass.admin_id == Account.id,
        BreakGlass.patient_id == bindparam("patient_id"),
        BreakGlass.expires_at > bindparam("now"),
    )
    return (
        care.label("care"),
        whole.label("whole"),
        plan_only.label("plan_only"),
        glass.label("glass"),
    )


# Built once, on first use: every request runs one of these two, and building the statement
# would cost as much as running it.
@cache
def _session_query() -> AnySelect:
    return (
        select(*_ACCOUNT_COLUMNS, LoginSession.last_seen_at, LoginSession.expires_at, *_facts())
        .join(Account, Account.id == LoginSession.account_id)
        .where(LoginSession.token_hash == bindparam("token_hash"))
    )


@cache
def _token_query() -> AnySelect:
    return (
        select(
            *_ACCOUNT_COLUMNS,
            ApiToken.id.label("token_id"),
            ApiToken.scope,
            ApiToken.expires_at,
            ApiToken.revoked_at,
            *_facts(),
        )
        .join(Account, Account.id == ApiToken.account_id)
        .where(ApiToken.token_hash == bindparam("token_hash"))
    )


class SessionFacts(NamedTuple):
    """A sign-in session's account, and that account's access to the record asked about."""

    account_id: str
    username: str
    role: str
    patient_id: str | None
    disabled: bool
    has_totp: bool
    last_seen_at: datetime
    expires_at: datetime
    care: bool
    whole: bool
    plan_only: bool
    glass: bool


class TokenFacts(NamedTuple):
    """An API token, its account, and that account's access to the record asked about."""

    account_id: str
    username: str
    role: str
    patient_id: str | None
    disabled: bool
    has_totp: bool
    token_id: str
    scope: str
    expires_at: datetime
    revoked_at: datetime | None
    care: bool
    whole: bool
    plan_only: bool
    glass: bool


# Run on the driver's cursor (store.driver_query): the statement of every signed-in request.
_SESSION_LOOKUP = DriverQuery(_session_query())
_TOKEN_LOOKUP = DriverQuery(_token_query())


def session_facts(
    session: Session, *, token_hash: str, patient_id: str, now: datetime
) -> SessionFacts | None:
    """The account behind a session cookie, with its access to ``patient_id``."""
    params = {"token_hash": token_hash, "patient_id": patient_id, "now": now}
    row = _SESSION_LOOKUP.first(session, params)
    return None if row is None else SessionFacts(*row)


def token_facts(
    session: Session, *, token_hash: str, patient_id: str, now: datetime
) -> TokenFacts | None:
    """The account behind an API token, with its access to ``patient_id``."""
    params = {"token_hash": token_hash, "patient_id": patient_id, "now": now}
    row = _TOKEN_LOOKUP.first(session, params)
    return None if row is None else TokenFacts(*row)


def add(session: Session, row: CareAccess | BreakGlass) -> None:
    """Insert a grant or a break-glass."""
    session.add(row)
    session.flush()


def live_grant(session: Session, *, clinician_id: str, patient_id: str) -> CareAccess | None:
    """The clinician's current grant to the record, if any."""
    query = select(CareAccess).where(
        CareAccess.clinician_id == clinician_id,
        CareAccess.patient_id == patient_id,
        CareAccess.revoked_at.is_(None),
    )
    return session.scalars(query).first()


def revoke_grants(
    session: Session, *, clinician_id: str, patient_id: str, by: str, now: datetime
) -> int:
    """End the clinician's grants to the record; how many were live."""
    result = session.execute(
        update(CareAccess)
        .where(
            CareAccess.clinician_id == clinician_id,
            CareAccess.patient_id == patient_id,
            CareAccess.revoked_at.is_(None),
        )
        .values(revoked_at=now, revoked_by=by)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def grants_on(session: Session, patient_id: str) -> Sequence[AnyRow]:
    """Every care grant on a record, oldest first, with the clinician's name."""
    query = (
        select(
            CareAccess.patient_id,
            Account.username.label("clinician"),
            CareAccess.granted_by,
            CareAccess.granted_at,
            CareAccess.whole_record,
            CareAccess.plan_and_progress_only,
            CareAccess.lead,
            CareAccess.revoked_by,
            CareAccess.revoked_at,
        )
        .join(Account, Account.id == CareAccess.clinician_id)
        .where(CareAccess.patient_id == patient_id)
        .order_by(CareAccess.granted_at, CareAccess.id)
    )
    return list(session.execute(query).all())


def granted_patient_ids(session: Session, clinician_id: str) -> Sequence[str]:
    """Records the clinician may reach now."""
    query = select(CareAccess.patient_id).where(
        CareAccess.clinician_id == clinician_id, CareAccess.revoked_at.is_(None)
    )
    return session.scalars(query.distinct()).all()


def live_reach(session: Session, clinician_id: str, patient_ids: Sequence[str]) -> Sequence[AnyRow]:
    """How far each of the clinician's live grants to these records reaches (patient_id,
    whole_record, plan_and_progress_only), in one query."""
    if not patient_ids:
        return []
    query = select(
        CareAccess.patient_id, CareAccess.whole_record, CareAccess.plan_and_progress_only
    ).where(
        CareAccess.clinician_id == clinician_id,
        CareAccess.revoked_at.is_(None),
        CareAccess.patient_id.in_(patient_ids),
    )
    return session.execute(query).all()


def glass_patient_ids(session: Session, admin_id: str, now: datetime) -> Sequence[str]:
    """Records the admin has a live break-glass on."""
    query = select(BreakGlass.patient_id).where(
        BreakGlass.admin_id == admin_id, BreakGlass.expires_at > now
    )
    return session.scalars(query.distinct()).all()


def break_glass_on(session: Session, patient_id: str) -> Sequence[AnyRow]:
    """Every break-glass on a record, newest first, with the admin's name."""
    query = (
        select(
            BreakGlass.started_at,
            BreakGlass.expires_at,
            BreakGlass.reason,
            BreakGlass.patient_id,
            Account.username,
        )
        .join(Account, Account.id == BreakGlass.admin_id)
        .where(BreakGlass.patient_id == patient_id)
        .order_by(BreakGlass.started_at.desc())
    )
    return list(session.execute(query).all())


def break_glass_since(session: Session, since: datetime) -> Sequence[AnyRow]:
    """Every break-glass started since ``since``, newest first (what admins are shown)."""
    query = (
        select(
            BreakGlass.started_at,
            BreakGlass.expires_at,
            BreakGlass.reason,
            BreakGlass.patient_id,
            Account.username,
        )
        .join(Account, Account.id == BreakGlass.admin_id)
        .where(BreakGlass.started_at >= since)
        .order_by(BreakGlass.started_at.desc())
    )
    return list(session.execute(query).all())

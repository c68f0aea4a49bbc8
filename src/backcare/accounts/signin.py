"""Signing in with a name and password (and a TOTP code when set up), throttled.

An unknown name, a disabled account, an account without a password and a wrong password all
get the same answer after the same work: the password is checked against a dummy hash when
there is no real one, so the time taken does not tell them apart either. Failures count per
name typed and per address, and a counter past its free tries makes the next try wait.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from argon2 import PasswordHasher
from sqlalchemy.orm import Session

from backcare.accounts import repository, throttle, totp
from backcare.accounts.models import Account
from backcare.accounts.passwords import MAX_LENGTH, verify
from backcare.accounts.schemas import normal_username
from backcare.accounts.sessions import start_session
from backcare.settings import Settings


class Outcome(StrEnum):
    """How a sign-in attempt ended."""

    SIGNED_IN = "signed_in"
    REFUSED = "refused"
    """Wrong name or password (never says which)."""
    WAIT = "wait"
    """Too many failures: try again after ``wait``."""
    CODE_NEEDED = "code_needed"
    """Name and password right; the account's TOTP code is missing or wrong."""


@dataclass(frozen=True, slots=True)
class Attempt:
    """What was typed, and from where."""

    username: str
    password: str
    code: str
    address: str


@dataclass(frozen=True, slots=True)
class Result:
    """The outcome; on success the account and the new session's cookie secret."""

    outcome: Outcome
    account: Account | None = None
    secret: str | None = None
    wait: dt.timedelta = dt.timedelta(0)


@dataclass(frozen=True, slots=True)
class Checker:
    """How passwords are checked in this process: the hasher and a hash of nothing real."""

    hasher: PasswordHasher
    dummy_hash: str
    settings: Settings


def sign_in(session: Session, attempt: Attempt, *, checker: Checker, now: dt.datetime) -> Result:
    """Check an attempt; count a failure, or start a session."""
    keys = [throttle.account_key(attempt.username), throttle.address_key(attempt.address)]
    wait = _wait(session, keys, now)
    if wait > dt.timedelta(0):
        return Result(Outcome.WAIT, wait=wait)
    account = _account(session, attempt.username)
    if not _password_ok(account, attempt.password, checker):
        _count_failure(session, keys, now)
        # The account (when there is one) is for the audit log only; the answer is the same.
        return Result(Outcome.REFUSED, account=account)
    assert account is not None  # _password_ok says so
    assert account.password_hash is not None
    if account.totp_secret is not None and not _code_ok(account, attempt.code, now):
        if attempt.code.strip():
            _count_failure(session, keys, now)
        return Result(Outcome.CODE_NEEDED, account=account)
    repository.forget_failures(session, keys[:1])
    if checker.hasher.check_needs_rehash(account.password_hash):
        account.password_hash = checker.hasher.hash(attempt.password)
    secret = start_session(
        session, account_id=account.id, now=now, settings=checker.settings, address=attempt.address
    )
    return Result(Outcome.SIGNED_IN, account=account, secret=secret)


def _account(session: Session, typed: str) -> Account | None:
    try:
        return repository.account_by_name(session, normal_username(typed))
    except ValueError:
        return None


def _password_ok(account: Account | None, password: str, checker: Checker) -> bool:
    usable = account is not None and not account.disabled and account.password_hash is not None
    stored = account.password_hash if usable and account is not None else None
    # Always one argon2 verification, real or dummy, so timing does not reveal the account.
    matches = verify(checker.hasher, stored or checker.dummy_hash, password[:MAX_LENGTH])
    return usable and matches and len(password) <= MAX_LENGTH


def _code_ok(account: Account, code: str, now: dt.datetime) -> bool:
    assert account.totp_secret is not None
    step = totp.accepted(account.totp_secret, code, now, account.totp_last_step)
    if step is None:
        return False
    account.totp_last_step = step
    return True


def _wait(session: Session, keys: list[str], now: dt.datetime) -> dt.timedelta:
    waits = [
        throttle.next_try_at(row.failures, row.last_failure_at, throttle.rule_for(row.key)) - now
        for row in repository.failures(session, keys)
        if not throttle.is_stale(row.last_failure_at, now)
    ]
    return max([dt.timedelta(0), *waits])


def _count_failure(session: Session, keys: list[str], now: dt.datetime) -> None:
    found = {row.key: row for row in repository.failures(session, keys)}
    for key in keys:
        row = found.get(key)
        before = 0 if row is None or throttle.is_stale(row.last_failure_at, now) else row.failures
        repository.count_failure(session, key, now, failures=before + 1)
    repository.forget_failures_before(session, now - throttle.FORGET_AFTER)

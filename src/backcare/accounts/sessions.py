"""Sign-in sessions: a random cookie secret, only its digest stored, two deadlines.

The CSRF token of a session is derived from its secret (a different digest), so every session
has its own, it changes with every sign-in, and checking it needs no database.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from backcare.accounts import repository
from backcare.accounts.models import LoginSession
from backcare.accounts.secrets import digest, new_secret
from backcare.settings import Settings

TOUCH_EVERY = dt.timedelta(minutes=1)
"""A session's last use is written at most this often: not a write on every page."""
ADDRESS_LENGTH = 64


def csrf_token_for(secret: str) -> str:
    """The CSRF token of the session whose cookie holds ``secret``."""
    return digest("csrf:" + secret)


def start_session(
    session: Session, *, account_id: str, now: dt.datetime, settings: Settings, address: str
) -> str:
    """A new session for the account; returns the secret for the cookie (never stored)."""
    secret = new_secret()
    row = LoginSession(
        token_hash=digest(secret),
        account_id=account_id,
        created_at=now,
        last_seen_at=now,
        expires_at=now + dt.timedelta(hours=settings.session_absolute_hours),
        address=address[:ADDRESS_LENGTH],
    )
    repository.add(session, row)
    return secret


def end_session(session: Session, *, secret: str) -> str | None:
    """Sign one browser out; the account it belonged to, if the session still existed."""
    return repository.end_session(session, digest(secret))


def end_all_sessions(session: Session, *, account_id: str) -> int:
    """Sign the account out everywhere; how many sessions ended."""
    return repository.end_sessions(session, account_id)


def is_live(
    *, last_seen_at: dt.datetime, expires_at: dt.datetime, now: dt.datetime, settings: Settings
) -> bool:
    """Whether a session is within both its idle and its absolute timeout."""
    idle = dt.timedelta(minutes=settings.session_idle_minutes)
    return now < expires_at and now - last_seen_at < idle


def needs_touch(last_seen_at: dt.datetime, now: dt.datetime) -> bool:
    """Whether to write the session's last use now."""
    return now - last_seen_at >= TOUCH_EVERY

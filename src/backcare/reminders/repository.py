"""All SQL of the calendar feeds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Row, select, update
from sqlalchemy.orm import Session

from backcare.accounts.models import Account
from backcare.reminders.models import CalendarFeed


def add_feed(session: Session, feed: CalendarFeed) -> CalendarFeed:
    """Keep a new feed."""
    session.add(feed)
    session.flush()
    return feed


def live_feeds(session: Session, account_id: str) -> Sequence[CalendarFeed]:
    """An account's feeds that are not revoked, newest first."""
    query = select(CalendarFeed).where(
        CalendarFeed.account_id == account_id, CalendarFeed.revoked_at.is_(None)
    )
    return session.scalars(query.order_by(CalendarFeed.created_at.desc())).all()


def revoke(session: Session, *, account_id: str, feed_id: str, now: dt.datetime) -> bool:
    """Revoke one of the account's feeds; False when it has no such live feed."""
    query = (
        update(CalendarFeed)
        .where(
            CalendarFeed.id == feed_id,
            CalendarFeed.account_id == account_id,
            CalendarFeed.revoked_at.is_(None),
        )
        .values(revoked_at=now)
    )
    return bool(session.execute(query).rowcount)  # type: ignore[attr-defined]


def feed_by_hash(
    session: Session, token_hash: str
) -> Row[CalendarFeed, str, str | None, bool] | None:
    """A live feed by its secret's hash, with its account's id, record and whether disabled."""
    query = (
        select(CalendarFeed, Account.id, Account.patient_id, Account.disabled)
        .join(Account, Account.id == CalendarFeed.account_id)
        .where(CalendarFeed.token_hash == token_hash, CalendarFeed.revoked_at.is_(None))
    )
    return session.execute(query).first()

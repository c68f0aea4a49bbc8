"""Calendar feed use cases. Services take a Session and never commit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from backcare.accounts.secrets import digest, new_secret, short_id
from backcare.appointments.service import feed_events
from backcare.assessments import repository as plans
from backcare.errors import InvalidInputError, NotFoundError
from backcare.reminders import repository
from backcare.reminders.ics import Reminders, calendar, minutes_by_day
from backcare.reminders.models import CalendarFeed
from backcare.reminders.schemas import FeedCreated, FeedRead, ReminderChoice, days_of, time_of

MAX_FEEDS = 5
"""Live feeds per account: one per calendar app is plenty; more is a sign of a leak or a loop."""


def _read(feed: CalendarFeed) -> FeedRead:
    return FeedRead(
        id=feed.id,
        time=time_of(feed.remind_minute),
        days=days_of(feed.days),
        time_zone=feed.time_zone,
        created_at=feed.created_at,
    )


def list_feeds(session: Session, *, account_id: str) -> list[FeedRead]:
    """The account's live feeds, newest first."""
    return [_read(feed) for feed in repository.live_feeds(session, account_id)]


def create_feed(
    session: Session, *, account_id: str, choice: ReminderChoice, now: dt.datetime
) -> FeedCreated:
    """A new feed with a fresh secret; only the secret's hash is kept."""
    if len(repository.live_feeds(session, account_id)) >= MAX_FEEDS:
        raise InvalidInputError(
            f"feeds: you have {MAX_FEEDS} calendar feeds already; stop one you no longer use first."
        )
    token = new_secret()
    feed = CalendarFeed(
        id=short_id(),
        token_hash=digest(token),
        account_id=account_id,
        remind_minute=choice.minute,
        days=choice.day_mask,
        time_zone=choice.time_zone,
        created_at=now,
    )
    repository.add_feed(session, feed)
    return FeedCreated(details=_read(feed), token=token)


def revoke_feed(session: Session, *, account_id: str, feed_id: str, now: dt.datetime) -> None:
    """Stop a feed at once: its address answers 404 from now on."""
    if not repository.revoke(session, account_id=account_id, feed_id=feed_id, now=now):
        raise NotFoundError(f"You have no calendar feed {feed_id!r}.")


@dataclass(frozen=True, slots=True)
class FeedAnswer:
    """A feed's calendar, and whose it is (for the audit line)."""

    body: bytes
    feed_id: str
    account_id: str
    patient_id: str


def feed_calendar(session: Session, *, token: str, now: dt.datetime) -> FeedAnswer | None:
    """The calendar behind a feed's secret; None when unknown, revoked or its account is off."""
    found = repository.feed_by_hash(session, digest(token))
    if found is None:
        return None
    feed, account_id, patient_id, disabled = found
    if disabled or patient_id is None:
        return None
    reminders = Reminders(
        uid_prefix=feed.id,
        days=tuple(days_of(feed.days)),
        minute=feed.remind_minute,
        time_zone=feed.time_zone,
        starts_from=feed.created_at.astimezone(ZoneInfo(feed.time_zone)).date(),
    )
    booked = feed_events(session, patient_id=patient_id, now=now, zone=feed.time_zone)
    body = calendar(reminders, _minutes(session, patient_id), stamp=now, appointments=booked)
    return FeedAnswer(body=body, feed_id=feed.id, account_id=account_id, patient_id=patient_id)


def download_calendar(
    session: Session, *, patient_id: str, choice: ReminderChoice, now: dt.datetime
) -> bytes:
    """A one-off .ics of the same reminders, to import once (it does not follow plan changes)."""
    reminders = Reminders(
        uid_prefix=f"download-{digest(patient_id)[:16]}",
        days=tuple(choice.days),
        minute=choice.minute,
        time_zone=choice.time_zone,
        starts_from=now.astimezone(ZoneInfo(choice.time_zone)).date(),
    )
    return calendar(reminders, _minutes(session, patient_id), stamp=now)


def _minutes(session: Session, patient_id: str) -> dict[str, int]:
    plan = plans.current_plan(session, patient_id)
    return {} if plan is None else minutes_by_day(plan.plan)

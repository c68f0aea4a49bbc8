"""Calendar feeds: a secret URL per feed (only its hash kept), with the reminder's time."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from backcare.accounts.models import HASH_LENGTH, account_id_column
from backcare.store.base import Base
from backcare.store.types import UTCDateTime, utcnow

FEED_ID_LENGTH = 16
TIME_ZONE_LENGTH = 64


class CalendarFeed(Base):
    """A person's calendar subscription: revocable, read-only, holding no health detail."""

    __tablename__ = "calendar_feeds"
    __table_args__ = (
        CheckConstraint("remind_minute BETWEEN 0 AND 1439", name="minute_of_day"),
        CheckConstraint("days BETWEEN 1 AND 127", name="days_mask"),
    )

    id: Mapped[str] = mapped_column(String(FEED_ID_LENGTH), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(HASH_LENGTH), unique=True)
    account_id: Mapped[str] = account_id_column()
    remind_minute: Mapped[int]
    """The reminder's time of day, in minutes after midnight in ``time_zone``."""
    days: Mapped[int]
    """The weekdays chosen, as bits (Monday is 1, Sunday 64)."""
    time_zone: Mapped[str] = mapped_column(String(TIME_ZONE_LENGTH))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())

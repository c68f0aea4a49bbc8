"""What a person chooses for their reminders, and what is shown of a feed."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from zoneinfo import available_timezones

from pydantic import BaseModel, ConfigDict, Field, field_validator

from backcare.domain.plan_model import DAYS
from backcare.domain.text import Line

_TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


@cache
def known_time_zones() -> frozenset[str]:
    """The IANA time zone names this computer knows (from the tzdata package if need be)."""
    return frozenset(available_timezones())


class ReminderChoice(BaseModel):
    """When to be reminded: the time of day, the weekdays, and the time zone they are in."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    time: Line = Field(description="HH:MM, 24-hour clock.")
    days: list[str] = Field(min_length=1, max_length=7, description="Weekday codes, mon to sun.")
    time_zone: Line = Field(
        min_length=1, max_length=64, description="An IANA name, e.g. Europe/London."
    )

    @field_validator("time")
    @classmethod
    def _time(cls, value: str) -> str:
        if not _TIME.fullmatch(value.strip()):
            raise ValueError("give the time as hours and minutes, such as 07:30")
        return value.strip()

    @field_validator("days")
    @classmethod
    def _days(cls, value: list[str]) -> list[str]:
        unknown = [day for day in value if day not in DAYS]
        if unknown:
            raise ValueError(f"{unknown[0]!r} is not a day; use mon, tue, wed, thu, fri, sat, sun")
        return [day for day in DAYS if day in value]

    @field_validator("time_zone")
    @classmethod
    def _zone(cls, value: str) -> str:
        if value.strip() not in known_time_zones():
            raise ValueError(f"{value!r} is not a time zone name such as Europe/London")
        return value.strip()

    @property
    def minute(self) -> int:
        """Minutes after midnight."""
        hours, minutes = self.time.split(":")
        return int(hours) * 60 + int(minutes)

    @property
    def day_mask(self) -> int:
        """The days as bits, Monday first."""
        return sum(1 << DAYS.index(day) for day in self.days)


def days_of(mask: int) -> list[str]:
    """The day codes of a bit mask."""
    return [day for n, day in enumerate(DAYS) if mask & (1 << n)]


def time_of(minute: int) -> str:
    """HH:MM of minutes after midnight."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


class FeedRead(BaseModel):
    """A calendar feed as listed on the account page (never its secret)."""

    model_config = ConfigDict(frozen=True)

    id: str
    time: str
    days: list[str]
    time_zone: str
    created_at: dt.datetime


class FeedCreated(BaseModel):
    """A new feed and its secret address, shown once."""

    model_config = ConfigDict(frozen=True)

    details: FeedRead
    token: str

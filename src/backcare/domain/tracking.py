"""What a person recorded over time: the history the adaptation rules and progress read.

Plain frozen records with no database in sight; the store turns its rows into these.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeVar

PAIN_RANGE = range(0, 11)


def _check_score(name: str, value: int) -> None:
    if value not in PAIN_RANGE:
        raise ValueError(f"{name} must be a whole number from 0 to 10, not {value!r}")


@dataclass(frozen=True, slots=True)
class CheckInRecord:
    """A daily check-in.

    ``warnings`` holds the warning questions answered yes, named by the intake field they
    update: a yes/no field (``"fever"``) or ``"field:value"`` (``"numbness:saddle"``).
    """

    day: date
    pain_now: int
    sessions_done: int = 0
    minutes: int = 0
    warnings: frozenset[str] = frozenset()
    flare_up: bool = False

    def __post_init__(self) -> None:
        _check_score("pain_now", self.pain_now)
        if self.sessions_done < 0 or self.minutes < 0:
            raise ValueError("sessions_done and minutes cannot be negative")


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """One plan item done on a day, and how it went."""

    day: date
    item_id: str
    duration_seconds: int
    felt: int
    stopped_early: bool = False
    reason: str | None = None

    def __post_init__(self) -> None:
        _check_score("felt", self.felt)


@dataclass(frozen=True, slots=True)
class PegRecord:
    """The three PEG items, each 0-10 (Krebs 2009); the score is their mean."""

    day: date
    pain: int
    enjoyment: int
    activity: int

    def __post_init__(self) -> None:
        for name in ("pain", "enjoyment", "activity"):
            _check_score(name, getattr(self, name))

    @property
    def mean(self) -> float:
        """The PEG score: the mean of its three items."""
        return (self.pain + self.enjoyment + self.activity) / 3


@dataclass(frozen=True, slots=True)
class PsfsRecord:
    """The person's own activities, each rated 0 (cannot do) to 10 (as before the pain)."""

    day: date
    scores: tuple[tuple[str, int], ...]

    def __post_init__(self) -> None:
        if not self.scores:
            raise ValueError("a PSFS record needs at least one activity")
        for activity, score in self.scores:
            _check_score(activity, score)

    @property
    def mean(self) -> float:
        """The PSFS average over the person's activities."""
        return sum(score for _, score in self.scores) / len(self.scores)


Dated = TypeVar("Dated", CheckInRecord, SessionRecord, PegRecord, PsfsRecord)


def _by_day(records: Iterable[Dated]) -> tuple[Dated, ...]:
    return tuple(sorted(records, key=lambda record: record.day))


def _day(record: CheckInRecord | SessionRecord) -> date:
    return record.day


def _sessions_per_day(
    checkins: Iterable[CheckInRecord], sessions: Iterable[SessionRecord]
) -> dict[date, int]:
    """Sessions done each day: as checked in, or one if items were logged without a check-in."""
    per_day: dict[date, int] = {}
    for checkin in checkins:
        per_day[checkin.day] = per_day.get(checkin.day, 0) + checkin.sessions_done
    for session in sessions:
        per_day[session.day] = max(per_day.get(session.day, 0), 1)
    return per_day


@dataclass(frozen=True, slots=True)
class History:
    """Everything recorded for one person, each kind sorted by day (oldest first)."""

    checkins: tuple[CheckInRecord, ...] = ()
    sessions: tuple[SessionRecord, ...] = ()
    peg: tuple[PegRecord, ...] = ()
    psfs: tuple[PsfsRecord, ...] = ()
    _per_day: dict[date, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Sorted once here, so every rule can rely on the order without sorting again.
        object.__setattr__(self, "checkins", _by_day(self.checkins))
        object.__setattr__(self, "sessions", _by_day(self.sessions))
        object.__setattr__(self, "peg", _by_day(self.peg))
        object.__setattr__(self, "psfs", _by_day(self.psfs))
        per_day = _sessions_per_day(self.checkins, self.sessions)
        object.__setattr__(self, "_per_day", per_day)

    def checkins_between(self, first: date, last: date) -> tuple[CheckInRecord, ...]:
        """Check-ins from ``first`` to ``last``, both included."""
        start = bisect_left(self.checkins, first, key=_day)
        end = bisect_right(self.checkins, last, key=_day)
        return self.checkins[start:end]

    def logs_between(self, first: date, last: date) -> tuple[SessionRecord, ...]:
        """Plan items logged from ``first`` to ``last``, both included."""
        start = bisect_left(self.sessions, first, key=_day)
        end = bisect_right(self.sessions, last, key=_day)
        return self.sessions[start:end]

    def sessions_on(self, day: date) -> int:
        """Sessions done that day (zero when nothing was recorded)."""
        return self._per_day.get(day, 0)

    @property
    def active_days(self) -> tuple[date, ...]:
        """Days with at least one session, oldest first."""
        return tuple(sorted(day for day, done in self._per_day.items() if done > 0))

    def sessions_between(self, first: date, last: date) -> int:
        """Sessions done from ``first`` to ``last``, both included."""
        days = (last - first).days + 1
        return sum(self.sessions_on(first + timedelta(days=n)) for n in range(max(days, 0)))

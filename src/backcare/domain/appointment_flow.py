"""Appointments as a pure state machine, and the checks every proposed time passes.

A clinician proposes one or more times; the person accepts one of them or declines them all;
either side cancels a proposed or accepted appointment. Accepted, declined and cancelled are
the ends, except that an accepted appointment may still be cancelled. The clock is passed in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class AppointmentStatus(StrEnum):
    """Where an appointment stands."""

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    CANCELLED = "cancelled"


class AppointmentStep(StrEnum):
    """What someone does to an appointment."""

    ACCEPT = "accept"
    DECLINE = "decline"
    CANCEL = "cancel"


class Mode(StrEnum):
    """How the person and the clinician meet."""

    IN_PERSON = "in_person"
    VIDEO = "video"


TRANSITIONS: dict[tuple[AppointmentStatus, AppointmentStep], AppointmentStatus] = {
    (AppointmentStatus.PROPOSED, AppointmentStep.ACCEPT): AppointmentStatus.ACCEPTED,
    (AppointmentStatus.PROPOSED, AppointmentStep.DECLINE): AppointmentStatus.DECLINED,
    (AppointmentStatus.PROPOSED, AppointmentStep.CANCEL): AppointmentStatus.CANCELLED,
    (AppointmentStatus.ACCEPTED, AppointmentStep.CANCEL): AppointmentStatus.CANCELLED,
}
"""Every legal step; anything else is refused (409, naming the current status)."""

HOLDS_THE_SLOT = frozenset({AppointmentStatus.PROPOSED, AppointmentStatus.ACCEPTED})
"""Statuses whose times the clinician cannot give to anyone else (SAFETY.md H-185)."""

EARLIEST_YEAR = 2000
LONGEST = dt.timedelta(hours=8)
SHORTEST = dt.timedelta(minutes=5)
FURTHEST_AHEAD = dt.timedelta(days=2 * 366)
"""Two years: further than any clinic books, and far from the ends of every date type."""
MAX_TIMES = 5


def after(status: AppointmentStatus, step: AppointmentStep) -> AppointmentStatus | None:
    """The status ``step`` leads to from ``status``; None when the step is not legal there."""
    return TRANSITIONS.get((status, step))


@dataclass(frozen=True, slots=True)
class Slot:
    """One proposed time, in UTC."""

    starts_at: dt.datetime
    ends_at: dt.datetime

    def overlaps(self, other: Slot) -> bool:
        """Whether the two share any time (touching ends do not)."""
        return self.starts_at < other.ends_at and other.starts_at < self.ends_at


def slot_problem(slot: Slot, *, now: dt.datetime) -> str | None:
    """Why a proposed time cannot be used (a sentence naming the field), or None."""
    if slot.starts_at.tzinfo is None or slot.ends_at.tzinfo is None:
        return "starts_at: give the time with its offset from UTC (for example +01:00)."
    if slot.starts_at.year < EARLIEST_YEAR or slot.ends_at.year < EARLIEST_YEAR:
        return f"starts_at: a time before the year {EARLIEST_YEAR} is not an appointment."
    if slot.ends_at <= slot.starts_at:
        return "ends_at: the appointment must end after it starts."
    if slot.ends_at - slot.starts_at > LONGEST:
        return "ends_at: an appointment lasts at most 8 hours."
    if slot.ends_at - slot.starts_at < SHORTEST:
        return "ends_at: an appointment lasts at least 5 minutes."
    if slot.starts_at <= now:
        return "starts_at: propose a time that has not passed yet."
    if slot.starts_at - now > FURTHEST_AHEAD:
        return "starts_at: propose a time within the next two years."
    return None


def clash_within(slots: list[Slot]) -> tuple[int, int] | None:
    """The first two proposed times (1-based) that overlap each other, or None."""
    for i, first in enumerate(slots):
        for j in range(i + 1, len(slots)):
            if first.overlaps(slots[j]):
                return i + 1, j + 1
    return None

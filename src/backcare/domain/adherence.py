"""Adherence against the plan the person chose, counted per kind of item.

Exercise sessions are counted against the days the plan's timetable holds an exercise session
(3 for someone who chose 3 days), not against every day with something on it: the daily
hamstring stretch sits on all seven days and would otherwise turn a 3-day plan done in full
into "fewer than half". Daily micro-items (the daily stretch, posture reminders) are counted
separately, out of the days in the window, from the items the person logged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from backcare.domain.knowledge.schema import CatalogEntry
from backcare.domain.plan_model import DAYS, Plan
from backcare.domain.tracking import History
from backcare.domain.vocabulary import EXERCISE_KINDS, Kind

DAILY_STRETCH = "daily stretches"
POSTURE = "posture reminders"


@dataclass(frozen=True, slots=True)
class Schedule:
    """What the plan asks for: the weekdays with an exercise session, and the micro-items."""

    session_days: frozenset[str]
    """Weekday keys ("mon") whose timetable holds an exercise item besides the micro-items."""
    micro: tuple[tuple[str, frozenset[str]], ...] = ()
    """Each kind of daily micro-item: its plural name and the plan item ids that count for it."""

    @property
    def micro_ids(self) -> frozenset[str]:
        return frozenset(item for _, ids in self.micro for item in ids)


@dataclass(frozen=True, slots=True)
class Timeline:
    """The schedules of successive plan versions: each in force from its day until the next.

    The first is also used before its day (a check-in on the day of the first assessment, or
    a record begun earlier). Week-by-week progress counts each day against the plan in force
    that day: counting the past against today's plan called a week of sessions done under the
    old plan "nothing planned" after an emergency safety plan replaced it.
    """

    changes: tuple[tuple[date, Schedule], ...]

    @classmethod
    def of(cls, schedule: Schedule) -> Timeline:
        """One schedule for every day."""
        return cls(((date.min, schedule),))

    def on(self, day: date) -> Schedule:
        """The schedule in force on ``day``."""
        found = self.changes[0][1]
        for start, schedule in self.changes:
            if start > day:
                break
            found = schedule
        return found


def schedule_of(plan: Plan, catalog: Mapping[str, CatalogEntry]) -> Schedule:
    """The schedule of a plan: its session days and its daily micro-items."""
    posture = frozenset(item.id for item in plan.items if item.kind == Kind.posture)
    kinds = {item.id: item.kind for item in plan.items}
    return schedule_of_week(plan.week, catalog, posture=posture, kinds=kinds)


def schedule_of_week(
    week: Mapping[str, Sequence[str]],
    catalog: Mapping[str, CatalogEntry],
    *,
    posture: frozenset[str] = frozenset(),
    kinds: Mapping[str, Kind] | None = None,
) -> Schedule:
    """The schedule read from a timetable (day -> item ids) and the plan's posture items.

    ``kinds`` gives the kind of items that are not catalog entries (the custom exercises a
    clinician wrote): an exercise a clinician added counts like one the planner chose.
    """
    stretch = _daily_stretch(week, catalog)
    micro = [(DAILY_STRETCH, frozenset({stretch}))] if stretch else []
    if posture:
        micro.append((POSTURE, posture))
    known = kinds or {}
    days = frozenset(
        day
        for day in DAYS
        if any(_is_session_item(item, stretch, catalog, known) for item in week.get(day, ()))
    )
    return Schedule(days, tuple(micro))


def _is_session_item(
    item_id: str,
    stretch: str | None,
    catalog: Mapping[str, CatalogEntry],
    kinds: Mapping[str, Kind],
) -> bool:
    entry = catalog.get(item_id)
    kind = entry.kind if entry is not None else kinds.get(item_id)
    return item_id != stretch and kind in EXERCISE_KINDS


def _daily_stretch(
    week: Mapping[str, Sequence[str]], catalog: Mapping[str, CatalogEntry]
) -> str | None:
    # The builder makes the first hamstring stretch the daily one, on every day of the week
    # (replan.slot_of reads it the same way).
    every_day = set.intersection(*(set(week.get(day, ())) for day in DAYS))
    for item_id in week.get(DAYS[0], ()):
        entry = catalog.get(item_id)
        if item_id in every_day and entry is not None and "daily-hamstring" in entry.tags:
            return item_id
    return None


@dataclass(frozen=True, slots=True)
class Tally:
    """How many were done out of how many the plan asked for."""

    done: int
    planned: int

    @property
    def rate(self) -> float | None:
        """Done over planned, capped at 100% (None when nothing was planned)."""
        # Extra sessions one week do not make up for a missed week, so the share stops at 1.
        return min(self.done / self.planned, 1.0) if self.planned else None


@dataclass(frozen=True, slots=True)
class Adherence:
    """A window's adherence: exercise sessions, and each kind of daily micro-item."""

    sessions: Tally
    micro: tuple[tuple[str, Tally | None], ...] = ()
    """Each micro-item kind and its tally; None when the person logged no items at all."""

    @property
    def rate(self) -> float | None:
        """The exercise-session share the rules decide with."""
        return self.sessions.rate


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range(max((last - first).days + 1, 0))]


def sessions_done(history: History, schedule: Schedule, first: date, last: date) -> int:
    """Exercise sessions done: as checked in, or one on a day with exercise items logged."""
    per_day: dict[date, int] = {}
    for checkin in history.checkins_between(first, last):
        per_day[checkin.day] = per_day.get(checkin.day, 0) + checkin.sessions_done
    micro = schedule.micro_ids
    for log in history.logs_between(first, last):
        if log.item_id not in micro:
            per_day[log.day] = max(per_day.get(log.day, 0), 1)
    return sum(per_day.values())


def sessions_planned(schedule: Schedule, first: date, last: date) -> int:
    """Exercise sessions the timetable holds from ``first`` to ``last``."""
    return sum(1 for day in _days(first, last) if DAYS[day.weekday()] in schedule.session_days)


def adherence(history: History, schedule: Schedule, first: date, last: date) -> Adherence:
    """Adherence from ``first`` to ``last`` (both included)."""
    sessions = Tally(
        sessions_done(history, schedule, first, last), sessions_planned(schedule, first, last)
    )
    logs = history.logs_between(first, last)
    days = len(_days(first, last))
    micro = tuple(
        (name, Tally(len({log.day for log in logs if log.item_id in ids}), days) if logs else None)
        for name, ids in schedule.micro
    )
    return Adherence(sessions, micro)


def describe(adherence: Adherence) -> str:
    """The tallies in words, e.g. '3 of 3 exercise sessions and 6 of 7 daily stretches'.

    Micro-items count only when the person logs items; without any logged, they are left out
    rather than shown as none done.
    """
    parts = [_tally(adherence.sessions, "exercise sessions")]
    parts += [_tally(t, name) for name, t in adherence.micro if t is not None]
    if len(parts) == 1:
        return parts[0]
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def _tally(tally: Tally, name: str) -> str:
    """'3 of 5 exercise sessions'; more than planned reads as such, never '6 of 5'."""
    if tally.done > tally.planned:
        return f"{tally.done} {name}, more than the {tally.planned} planned"
    return f"{tally.done} of {tally.planned} {name}"

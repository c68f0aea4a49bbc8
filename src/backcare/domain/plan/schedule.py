"""Fit chosen items into a week that respects the person's days and minutes per day."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from backcare.domain.plan.compose import Choice, Slot
from backcare.domain.plan_model import DAYS
from backcare.domain.vocabulary import Phase

# Session days spread through the week so that hard days are not back to back.
SPREAD: dict[int, tuple[str, ...]] = {
    1: ("wed",),
    2: ("tue", "fri"),
    3: ("mon", "wed", "fri"),
    4: ("mon", "tue", "thu", "fri"),
    5: ("mon", "tue", "wed", "fri", "sat"),
    6: ("mon", "tue", "wed", "thu", "fri", "sat"),
    7: DAYS,
}
MIN_AEROBIC_MINUTES = 5.0
HANDS_ON_DAYS = 3
PARTNER_DAYS = 2


@dataclass
class Week:
    """The timetable being filled: minutes left per day, and where each item landed."""

    budget: float
    used: dict[str, float] = field(default_factory=lambda: dict.fromkeys(DAYS, 0.0))
    days_of: dict[str, list[str]] = field(default_factory=dict)
    minutes_of: dict[str, float] = field(default_factory=dict)

    def room(self, day: str) -> float:
        return self.budget - self.used[day]

    def place(self, item_id: str, day: str, minutes: float) -> bool:
        """Put an item on a day if it fits; a timed item never overfills a day."""
        if minutes > self.budget - self.used[day] + 1e-9:
            return False
        self.used[day] += minutes
        self.days_of.setdefault(item_id, []).append(day)
        self.minutes_of[item_id] = minutes
        return True

    def timetable(self) -> dict[str, list[str]]:
        week: dict[str, list[str]] = {day: [] for day in DAYS}
        for item_id, days in self.days_of.items():
            for day in days:
                week[day].append(item_id)
        return week


def fit_week(choices: Sequence[Choice], *, phase: Phase, days_per_week: int, budget: float) -> Week:
    """Place timed items: daily first, then sessions, aerobic, hands-on, partner routine."""
    week = Week(budget=budget)
    sessions = SPREAD[days_per_week]
    aerobic_days, strength_days = _split(sessions, phase)
    by_slot: dict[Slot, list[Choice]] = {slot: [] for slot in Slot}
    for choice in choices:
        by_slot[choice.slot].append(choice)
    for choice in by_slot[Slot.daily]:
        for day in DAYS:
            week.place(choice.entry.id, day, choice.entry.dose.minutes)
    for day in strength_days:
        for choice in by_slot[Slot.session]:
            week.place(choice.entry.id, day, choice.entry.dose.minutes)
    _aerobic(week, by_slot[Slot.aerobic], aerobic_days)
    # The partner routine is one long block, so it goes in before the short hands-on items.
    _partner(week, by_slot[Slot.routine], sessions)
    _spread(week, by_slot[Slot.hands_on], sessions, HANDS_ON_DAYS)
    return week


def _split(sessions: tuple[str, ...], phase: Phase) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Aerobic and strength days: in the acute phase every session day is both."""
    if phase == Phase.acute or len(sessions) == 1:
        return sessions, sessions
    aerobic = sessions[1::2]
    strength = tuple(day for day in sessions if day not in aerobic)
    return aerobic, strength


def _aerobic(week: Week, choices: list[Choice], days: tuple[str, ...]) -> None:
    """Alternate the aerobic options over the aerobic days, shortened to the room left.

    One item keeps one length all week, so the shortest room among its days sets it.
    """
    for index, choice in enumerate(choices):
        its_days = days[index :: len(choices)]
        if not its_days:
            continue
        minutes = min(choice.entry.dose.minutes, *(week.room(day) for day in its_days))
        if minutes >= MIN_AEROBIC_MINUTES:
            for day in its_days:
                week.place(choice.entry.id, day, minutes)


def _spread(week: Week, choices: list[Choice], days: tuple[str, ...], most: int) -> None:
    for choice in choices:
        roomiest = sorted(DAYS, key=lambda d: (d not in days, -week.room(d), DAYS.index(d)))
        placed = 0
        for day in roomiest:
            if placed < most and week.place(choice.entry.id, day, choice.entry.dose.minutes):
                placed += 1


def _partner(week: Week, routine: list[Choice], sessions: tuple[str, ...]) -> None:
    """The partner routine is one block: every step goes on the same days, or none does."""
    total = sum(c.entry.dose.minutes for c in routine)
    if not routine:
        return
    roomiest = sorted(DAYS, key=lambda d: (-week.room(d), d in sessions, DAYS.index(d)))
    for day in [d for d in roomiest if week.room(d) >= total][:PARTNER_DAYS]:
        for choice in routine:
            week.place(choice.entry.id, day, choice.entry.dose.minutes)

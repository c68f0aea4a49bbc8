"""Fit chosen items into a week that respects the person's days and minutes per day.

The dose follows the evidence within the time the person has: strengthening on three days a
week, four with six or more days (exercise programmes that help chronic back pain give more
than a token dose: HAYDEN-2005), and aerobic activity on every session day with room for it,
towards 20 to 30 minutes (WHO-PA-2020: 150 minutes a week or more). No day ever holds more
than the person's minutes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from backcare.domain.plan.choice import Choice, Slot
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
STRENGTH_DAYS = {1: 1, 2: 2, 3: 3, 4: 3, 5: 3, 6: 4, 7: 4}
"""Three strength days when the person has them, four with six or more: 3-4 days a week is
what the exercise programmes that help use, and the other session days carry aerobic work."""
AEROBIC_TARGET = {Phase.acute: 20.0, Phase.subacute: 30.0, Phase.chronic: 30.0}
"""Minutes of aerobic activity a session works towards. In the first weeks walking builds up to
20 minutes, since a sore back tolerates several short walks better than one long one."""
MIN_AEROBIC_MINUTES = 5.0
"""Shorter than five minutes is not worth a timetable slot; the walking advice covers it."""
AEROBIC_BOUT = 10.0
"""If strength work would leave no day with ten minutes for aerobic activity, one strength day
becomes an aerobic day: some of both beats all of one."""
RELAX_DAYS = 3
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
    """Place timed items: daily, strength sessions, aerobic, relaxation, partner, hands-on."""
    week = Week(budget=budget)
    sessions = SPREAD[days_per_week]
    by_slot: dict[Slot, list[Choice]] = {slot: [] for slot in Slot}
    for choice in choices:
        by_slot[choice.slot].append(choice)
    for choice in by_slot[Slot.daily]:
        for day in DAYS:
            week.place(choice.entry.id, day, choice.entry.dose.minutes)
    session = by_slot[Slot.session]
    for day in strength_days(week, sessions, phase, session):
        for choice in session:
            week.place(choice.entry.id, day, choice.entry.dose.minutes)
    _aerobic(week, by_slot[Slot.aerobic], sessions, AEROBIC_TARGET[phase])
    _spread(week, by_slot[Slot.relax], (), RELAX_DAYS)
    # The partner routine is one block, so it goes in before the short hands-on items.
    _partner(week, by_slot[Slot.routine], sessions)
    _spread(week, by_slot[Slot.hands_on], sessions, HANDS_ON_DAYS)
    return week


def strength_days(
    week: Week, sessions: tuple[str, ...], phase: Phase, session: Sequence[Choice]
) -> tuple[str, ...]:
    """The session days that hold the exercise block, spread through the week."""
    if phase == Phase.acute or len(sessions) == 1:
        return sessions  # gentle mobility only, every session day
    count = STRENGTH_DAYS[len(sessions)]
    if count == len(sessions) and _left_after(week.room(sessions[0]), session) < AEROBIC_BOUT:
        count -= 1
    return _evenly(sessions, count)


def _left_after(room: float, session: Sequence[Choice]) -> float:
    """Minutes a day keeps after the session items that fit, placed in order as ``place`` does.

    Counting only what fits keeps the answer the same when the plan is refitted from its own
    items, which hold only what fitted.
    """
    for choice in session:
        if choice.entry.dose.minutes <= room + 1e-9:
            room -= choice.entry.dose.minutes
    return room


def _evenly(days: tuple[str, ...], count: int) -> tuple[str, ...]:
    """``count`` of ``days``, first and last included, the rest evenly between."""
    if count == 1:
        return (days[len(days) // 2],)
    last = len(days) - 1
    return tuple(days[round(i * last / (count - 1))] for i in range(count))


def _aerobic(week: Week, choices: list[Choice], days: tuple[str, ...], target: float) -> None:
    """Aerobic options over the session days, each as long as its days allow, up to target.

    An item keeps one length all week, so each option takes the days that can hold its
    length; the lengths are chosen to give the most minutes in the week.
    """
    if not choices:
        return
    room = {day: min(target, week.room(day)) for day in days}
    first, second = _best_split(room, len(choices) > 1)
    for choice, (minutes, its_days) in zip(choices, (first, second), strict=False):
        for day in its_days:
            week.place(choice.entry.id, day, minutes)


Share = tuple[float, tuple[str, ...]]


def _best_split(room: dict[str, float], two: bool) -> tuple[Share, Share]:
    """(length, days) for the first option and the second: the most minutes, longer first."""
    lengths = sorted({r for r in room.values() if r >= MIN_AEROBIC_MINUTES}, reverse=True)
    best: tuple[float, Share, Share] = (0.0, (0.0, ()), (0.0, ()))
    for length in lengths:
        mine = tuple(day for day, r in room.items() if r >= length)
        rest = {day: r for day, r in room.items() if day not in mine}
        other = _one_length(rest) if two else (0.0, ())
        total = length * len(mine) + other[0] * len(other[1])
        if total > best[0]:
            best = (total, (length, mine), other)
    _, first, second = best
    if two and not second[1] and len(first[1]) > 1:
        # Equal room everywhere: alternate the two options rather than drop one.
        second = (first[0], first[1][1::2])
        first = (first[0], first[1][0::2])
    return first, second


def _one_length(room: dict[str, float]) -> Share:
    best: Share = (0.0, ())
    for length in sorted({r for r in room.values() if r >= MIN_AEROBIC_MINUTES}, reverse=True):
        days = tuple(day for day, r in room.items() if r >= length)
        if length * len(days) > best[0] * len(best[1]):
            best = (length, days)
    return best


def _spread(week: Week, choices: list[Choice], days: tuple[str, ...], most: int) -> None:
    """Each item on up to ``most`` days: the given days first, then the roomiest."""
    for choice in choices:
        ranked = sorted((day not in days, week.used[day], n, day) for n, day in enumerate(DAYS))
        placed = 0
        for *_, day in ranked:
            if placed < most and week.place(choice.entry.id, day, choice.entry.dose.minutes):
                placed += 1


def _partner(week: Week, routine: list[Choice], sessions: tuple[str, ...]) -> None:
    """The partner routine is one block on the same days; with little room, a shorter one.

    The routine keeps its opening, positioning, warm-up and finishing steps; the deeper
    techniques are left off from the end until it fits on two days, else on one.
    """
    if not routine:
        return
    roomiest = sorted(DAYS, key=lambda d: (-week.room(d), d in sessions, DAYS.index(d)))
    fallback: tuple[list[Choice], list[str]] | None = None
    for steps in _shorter_routines(routine):
        total = sum(c.entry.dose.minutes for c in steps)
        days = [d for d in roomiest if week.room(d) >= total][:PARTNER_DAYS]
        if len(days) == PARTNER_DAYS:
            fallback = (steps, days)
            break
        if days and fallback is None:
            fallback = (steps, days)
    if fallback is not None:
        steps, days = fallback
        for day in days:
            for choice in steps:
                week.place(choice.entry.id, day, choice.entry.dose.minutes)


def _shorter_routines(routine: list[Choice]) -> list[list[Choice]]:
    """The whole routine, then with one technique fewer each time, down to none."""
    techniques = [c for c in routine if "technique" in c.entry.tags]
    out = []
    for keep in range(len(techniques), -1, -1):
        dropped = {c.entry.id for c in techniques[keep:]}
        out.append([c for c in routine if c.entry.id not in dropped])
    return out

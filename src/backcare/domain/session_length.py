"""How long a day's session takes: the one figure the plan table, the session and today show.

The plan was fitted to the person's minutes per day with each item's minutes (the catalog's
dose, or the length the schedule gave it), so the session length is their sum. The player's
timer counts only the holds, repetitions and rests; getting into position and changing over
take the rest of each item's minutes. Every page that states a session length calls
``session_minutes`` on the day's items (``day_minutes`` does it for a whole plan), so none can
say 15 while another says 17.
"""

from __future__ import annotations

import math

from backcare.domain.plan_model import Plan, PlanItem


def day_items(plan: Plan, day: str) -> tuple[PlanItem, ...]:
    """The plan items timetabled on weekday ``day`` ("mon"), in timetable order."""
    by_id = {item.id: item for item in plan.items}
    return tuple(by_id[item_id] for item_id in plan.week.get(day, ()) if item_id in by_id)


def session_minutes(items: tuple[PlanItem, ...]) -> int:
    """The length of a session of ``items`` in whole minutes (half a minute rounds up)."""
    return math.floor(sum(item.minutes for item in items) + 0.5)


def day_minutes(plan: Plan, day: str) -> int:
    """The length of weekday ``day``'s session in whole minutes (0 on a rest day)."""
    return session_minutes(day_items(plan, day))

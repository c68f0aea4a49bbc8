"""Today's session as a script of timed segments: holds, rests, repetitions, minutes per side.

The browser's player counts the segments down; without JavaScript the same items are listed
with their steps and a form to log each one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from backcare.domain.plan.items import planned_dose
from backcare.domain.plan_model import DAYS, Plan, PlanItem
from backcare.domain.session_length import day_items
from backcare.knowledge.catalog_index import Catalog
from backcare.knowledge.schema import Dose
from backcare.web.pictures import PicturePair, Pictures

SECONDS_PER_REP = 4
"""A slow, controlled repetition: about two seconds out and two back."""
RELAX_BETWEEN_HOLDS = 5
"""Long enough to let go and breathe between holds, short enough to keep the flow."""
REST_BETWEEN_SETS = 30
"""When the catalog gives no rest, half a minute between sets lets the muscles recover."""
SIDES = ("left side", "right side")


@dataclass(frozen=True, slots=True)
class Segment:
    label: str
    seconds: int
    rest: bool = False


@dataclass(frozen=True, slots=True)
class SessionItem:
    item: PlanItem
    segments: tuple[Segment, ...]
    easier: tuple[tuple[str, str], ...]
    """Easier versions (id, title) to suggest if this one hurts."""
    pictures: PicturePair | None = None
    """Start and end pictures, shown above the steps."""

    @property
    def seconds(self) -> int:
        return sum(segment.seconds for segment in self.segments)


def _sides(dose: Dose) -> tuple[str | None, ...]:
    return SIDES if dose.per_side else (None,)


def _with_side(text: str, side: str | None) -> str:
    return f"{text}, {side}" if side else text


def _holds(dose: Dose, hold: int) -> list[Segment]:
    sets, reps = dose.sets or 1, dose.reps or 1
    out: list[Segment] = []
    for number in range(1, sets + 1):
        for side in _sides(dose):
            for rep in range(1, reps + 1):
                of_set = f", set {number} of {sets}" if sets > 1 else ""
                label = f"Hold ({rep} of {reps}{of_set})"
                out.append(Segment(_with_side(label, side), hold))
                out.append(Segment("Relax", dose.rest_seconds or RELAX_BETWEEN_HOLDS, rest=True))
        if number < sets:
            out.append(Segment("Rest before the next set", REST_BETWEEN_SETS, rest=True))
    return _trim_rest(out)


def _reps(dose: Dose, reps: int) -> list[Segment]:
    sets = dose.sets or 1
    out: list[Segment] = []
    for number in range(1, sets + 1):
        for side in _sides(dose):
            label = f"{reps} slow repetitions" + (f" (set {number} of {sets})" if sets > 1 else "")
            out.append(Segment(_with_side(label, side), reps * SECONDS_PER_REP))
        if number < sets:
            out.append(Segment("Rest", dose.rest_seconds or REST_BETWEEN_SETS, rest=True))
    return _trim_rest(out)


def _timed(dose: Dose, minutes: float) -> list[Segment]:
    sides = _sides(dose)
    each = max(round(minutes * 60 / len(sides)), 1)
    return [Segment(_with_side("Keep going", side), each) for side in sides]


def _trim_rest(segments: list[Segment]) -> list[Segment]:
    while segments and segments[-1].rest:
        segments.pop()
    return segments


def segments_for(item: PlanItem, dose: Dose) -> tuple[Segment, ...]:
    """The timed segments of one item: holds, repetitions, or minutes (per side)."""
    if dose.hold_seconds:
        return tuple(_holds(dose, dose.hold_seconds))
    if dose.reps:
        return tuple(_reps(dose, dose.reps))
    return tuple(_timed(dose, item.minutes or dose.minutes))


def todays_items(
    plan: Plan, catalog: Catalog, day: dt.date, pictures: Pictures | None = None
) -> tuple[SessionItem, ...]:
    """The items timetabled for ``day``, each with its script, easier versions and pictures."""
    items = day_items(plan, DAYS[day.weekday()])
    return tuple(_session_item(item, catalog, pictures) for item in items)


def _session_item(item: PlanItem, catalog: Catalog, pictures: Pictures | None) -> SessionItem:
    entry = catalog.get(item.id)
    dose = entry.dose if entry is not None else Dose(minutes=item.minutes)
    counted = entry is not None and bool(dose.hold_seconds or dose.reps)
    if counted and entry is not None and item.dose != planned_dose(entry, item.minutes):
        # A clinician changed this item's dose (plan edits): the catalog's holds and
        # repetitions no longer describe it, so the player times the item's minutes and the
        # steps show the clinician's dose, never the one it replaced.
        dose = Dose(minutes=item.minutes, per_side=dose.per_side)
    easier = tuple((r, catalog[r].title) for r in item.regression if r in catalog)
    drawn = None if pictures is None else pictures.of(item.id)
    return SessionItem(item, segments_for(item, dose), easier, drawn)


def script_json(
    items: tuple[SessionItem, ...], done: frozenset[str] = frozenset()
) -> list[dict[str, Any]]:
    """What the player needs, JSON-ready; ``done`` items (logged today) are marked, and the
    player starts at the first one not done."""
    return [
        {
            "id": s.item.id,
            "title": s.item.title,
            "steps": s.item.steps,
            "segments": [asdict(segment) for segment in s.segments],
            "done": s.item.id in done,
        }
        for s in items
    ]

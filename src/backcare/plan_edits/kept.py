"""What the weekly review keeps as clinicians left it (SAFETY.md H-154).

The rule: the review builds on the latest version, clinicians' edits included. Items a
clinician added or changed (custom exercises, doses and days) are set aside while the review
adapts the rest of the plan, then put back exactly as the clinician left them; items a
clinician removed are not put back by a review. A safety plan (emergency or urgent) still
replaces everything, and a relief plan during a flare-up is the review's alone; the version
the relief plan returns to keeps the edits. A new assessment starts a fresh plan, and the
edits made before it lapse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from backcare.domain.plan_model import DAYS, Plan, PlanItem


@dataclass(slots=True)
class Kept:
    """Items kept as a clinician left them (by id), and ids a clinician removed."""

    items: dict[str, PlanItem] = field(default_factory=dict)
    removed: set[str] = field(default_factory=set)

    def keep(self, item: PlanItem) -> None:
        self.items[item.id] = item
        self.removed.discard(item.id)

    def drop(self, item_id: str, *, custom: bool) -> None:
        self.items.pop(item_id, None)
        if not custom:
            self.removed.add(item_id)

    def copy(self) -> Kept:
        return Kept(dict(self.items), set(self.removed))

    def __bool__(self) -> bool:
        return bool(self.items or self.removed)

    def as_json(self) -> dict[str, Any]:
        return {
            "items": {key: item.model_dump(mode="json") for key, item in self.items.items()},
            "removed": sorted(self.removed),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Kept:
        items = {key: PlanItem.model_validate(raw) for key, raw in data.get("items", {}).items()}
        return cls(items, set(data.get("removed", [])))


def set_aside(plan: Plan, kept: Kept) -> tuple[Plan, list[PlanItem]]:
    """The plan without the kept items it still holds exactly as kept, and those items."""
    aside = [item for item in plan.items if kept.items.get(item.id) == item]
    if not aside:
        return plan, []
    return without(plan, {item.id for item in aside}), aside


def put_back(plan: Plan, aside: list[PlanItem], removed: set[str], original: Plan) -> Plan:
    """The reviewed plan with the set-aside items back where they were in ``original`` (with
    their guideline positions) and the removed ones out again."""
    out = without(plan, {item.id for item in aside} | removed)
    items = list(out.items)
    week = {day: list(out.week.get(day, [])) for day in DAYS}
    totals = dict(out.total_minutes_per_day)
    stances = dict(out.stances)
    stances |= {i.id: original.stances[i.id] for i in aside if i.id in original.stances}
    places = {item.id: position for position, item in enumerate(original.items)}
    for item in sorted(aside, key=lambda i: places.get(i.id, len(original.items))):
        items.insert(min(places.get(item.id, len(items)), len(items)), item)
        for day in item.days:
            before = original.week.get(day, [])
            at = before.index(item.id) if item.id in before else len(week[day])
            week[day].insert(min(at, len(week[day])), item.id)
            totals[day] = round(totals.get(day, 0.0) + item.minutes, 2)
    return out.model_copy(
        update={"items": items, "week": week, "total_minutes_per_day": totals, "stances": stances}
    )


def without(plan: Plan, ids: set[str]) -> Plan:
    """The plan with the items of ``ids`` taken out of its items, week and daily totals."""
    gone = [item for item in plan.items if item.id in ids]
    if not gone:
        return plan
    totals = dict(plan.total_minutes_per_day)
    for item in gone:
        for day in item.days:
            if item.id in plan.week.get(day, []):
                totals[day] = round(max(totals.get(day, 0.0) - item.minutes, 0.0), 2)
    week = {day: [i for i in plan.week.get(day, []) if i not in ids] for day in DAYS}
    items = [item for item in plan.items if item.id not in ids]
    stances = {key: value for key, value in plan.stances.items() if key not in ids}
    return plan.model_copy(
        update={
            "items": items,
            "week": week,
            "total_minutes_per_day": totals,
            "stances": stances,
        }
    )

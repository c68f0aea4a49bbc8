"""Plan items made from catalog entries: each distinct item is built once and shared."""

from __future__ import annotations

from collections.abc import Hashable

from backcare.domain.identity_cache import DEFAULT_CAP, ByIdentity
from backcare.domain.knowledge.schema import CatalogEntry, NotRecommended
from backcare.domain.plan import explain
from backcare.domain.plan.compose import Slot
from backcare.domain.plan.schedule import Week
from backcare.domain.plan_model import DAYS, NotRecommendedItem, PlanItem


def plan_item(entry: CatalogEntry, why: str, week: Week, slot: Slot) -> PlanItem:
    """One plan item as the fitted week placed it (the weekly review rebuilds items with it)."""
    placed = week.days_of.get(entry.id)
    days = tuple(sorted(placed, key=_DAY_ORDER.__getitem__)) if placed else ()
    minutes = week.minutes_of.get(entry.id, entry.dose.minutes)
    key = (id(entry), why, days, minutes, slot)
    held = _ITEMS.get(key)
    if held is not None and held[0] is entry:
        return held[1]
    changes: dict[str, object] = {
        "why": why,
        "days": days,
        "minutes": minutes,
        "schedule": explain.schedule(entry, list(days), slot),
    }
    if entry.dose.minutes and minutes != entry.dose.minutes:
        changes["dose"] = _dose(entry, minutes)
    return _keep(key, entry, base_item(entry).model_copy(update=changes))


def planned_dose(entry: CatalogEntry, minutes: float) -> str:
    """The dose words the planner gives an entry timetabled for ``minutes`` (``plan_item``)."""
    if entry.dose.minutes and minutes != entry.dose.minutes:
        return _dose(entry, minutes)
    return entry.dose.describe()


def _dose(entry: CatalogEntry, minutes: float) -> str:
    """The timetabled length; a longer one than the entry's start says how to build up to it."""
    start = entry.dose.minutes
    if minutes <= start:
        return f"{minutes:g} min"
    return (
        f"{minutes:g} min; if that is too much at first, start with {start:g} and add a few "
        "minutes each week"
    )


def referral_item(
    entry: CatalogEntry, why: str, when: str, rule: str | None = None, rationale: str | None = None
) -> PlanItem:
    """A referral as a plan item: used as needed, with how soon to arrange it and the rule."""
    key = (id(entry), why, when, rule)
    held = _ITEMS.get(key)
    if held is not None and held[0] is entry:
        return held[1]
    update = {
        "why": why,
        "schedule": when,
        "minutes": entry.dose.minutes,
        "days": (),
        "rule": rule,
        "rationale": rationale,
    }
    return _keep(key, entry, base_item(entry).model_copy(update=update))


# Plan items are frozen and never mutated, and the same item (entry, reason, days, minutes)
# recurs across many plans, so each is made once and shared: building pydantic models was
# the largest single cost of a plan. Keyed and guarded by the entry's identity (see
# identity_cache for why).
_ITEMS: dict[Hashable, tuple[CatalogEntry, PlanItem]] = {}


def _keep(key: Hashable, entry: CatalogEntry, item: PlanItem) -> PlanItem:
    if len(_ITEMS) >= DEFAULT_CAP:
        _ITEMS.clear()
    _ITEMS[key] = (entry, item)
    return item


_DAY_ORDER = {day: position for position, day in enumerate(DAYS)}


def _make_base_item(entry: CatalogEntry) -> PlanItem:
    """The plan item an entry becomes before it is timetabled."""
    # model_construct: the fields come from a validated catalog entry; tests validate plans.
    return PlanItem.model_construct(
        id=entry.id,
        kind=entry.kind,
        title=entry.title,
        summary=entry.summary,
        why="",
        dose=entry.dose.describe(),
        minutes=entry.dose.minutes,
        schedule="",
        days=(),
        evidence=tuple(entry.evidence),
        steps=tuple(entry.steps),
        feel=entry.feel,
        cautions=tuple(entry.cautions),
        target=entry.target,
        progression=tuple(entry.progression),
        regression=tuple(entry.regression),
        level=entry.level,
    )


def _make_not_recommended_item(entry: NotRecommended) -> NotRecommendedItem:
    return NotRecommendedItem.model_construct(
        id=entry.id, title=entry.title, why=entry.why, evidence=tuple(entry.evidence)
    )


# What a plan says about a not-recommended treatment (made once, never mutated).
not_recommended_item = ByIdentity(_make_not_recommended_item)


# The plan item an entry becomes before it is timetabled (made once, never mutated).
base_item = ByIdentity(_make_base_item)

"""Turn a plan back into choices, change them, and fit them into a new week.

A draft is the plan's items in order, with each timetabled item opened up into the builder's
``Choice`` (entry, slot, why); untimed items (referrals, advice, heat, lessons) stay as they are.
Refitting uses the builder's own ``fit_week`` and ``plan_item``, so a reviewed plan keeps every
contract-3 invariant the builder keeps.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from backcare.domain.classify import classify
from backcare.domain.facts import contraindication_codes
from backcare.domain.intake import Intake
from backcare.domain.knowledge.schema import CatalogEntry
from backcare.domain.plan.builder import plan_item
from backcare.domain.plan.compose import Choice, Slot
from backcare.domain.plan.eligibility import Person
from backcare.domain.plan.schedule import Week, fit_week
from backcare.domain.plan_model import DAYS, Plan, PlanItem
from backcare.domain.vocabulary import Guideline, Kind, Phase, Stance

Draft = list[PlanItem | Choice]
WEEK_DAYS = 7

_SLOT_OF_KIND = {
    Kind.aerobic: Slot.aerobic,
    Kind.self_massage: Slot.hands_on,
    Kind.foam_rolling: Slot.hands_on,
    Kind.partner_massage: Slot.routine,
    Kind.relaxation: Slot.relax,
}


def person_for(intake: Intake, *, assessed_on: date | None, today: date) -> Person:
    """The person as the builder sees them; the episode ages by the weeks since assessment."""
    if assessed_on is not None and today > assessed_on:
        weeks = intake.duration_weeks + (today - assessed_on).days / WEEK_DAYS
        intake = intake.model_copy(update={"duration_weeks": weeks})
    return Person(intake, classify(intake).duration, contraindication_codes(intake))


def slot_of(entry: CatalogEntry, *, daily_taken: bool) -> Slot:
    """Where a timetabled item sits in the week, read back from its entry."""
    # The builder makes only the first hamstring stretch the daily one; a second one is a
    # session stretch, so daily_taken says whether the daily slot is already filled.
    if "daily-hamstring" in entry.tags and not daily_taken:
        return Slot.daily
    return _SLOT_OF_KIND.get(entry.kind, Slot.session)


def draft_of(plan: Plan, catalog: Mapping[str, CatalogEntry]) -> Draft:
    """The plan's items, timetabled ones opened up as choices."""
    draft: Draft = []
    for item in plan.items:
        if not item.days:
            draft.append(item)
            continue
        entry = catalog[item.id]
        slot = slot_of(entry, daily_taken=any(c.slot == Slot.daily for c in choices(draft)))
        draft.append(Choice(entry, slot, item.why))
    return draft


def choices(draft: Draft) -> list[Choice]:
    return [part for part in draft if isinstance(part, Choice)]


@dataclass(frozen=True, slots=True)
class Fit:
    """How a draft is fitted: the week's shape and the minutes per day it may use."""

    phase: Phase
    days_per_week: int
    budget: float

    @classmethod
    def usual(cls, person: Person) -> Fit:
        prefs = person.intake.preferences
        return cls(person.phase, prefs.days_per_week, prefs.minutes_per_day)

    @classmethod
    def keeping(cls, plan: Plan, person: Person) -> Fit:
        """The usual fit within the plan's own daily minutes (a simplified plan stays short)."""
        return cls(
            person.phase, person.intake.preferences.days_per_week, plan.minutes_per_day_budget
        )


def fit(draft: Draft, how: Fit) -> Week:
    """The builder's week for the draft's timed choices."""
    return fit_week(
        choices(draft), phase=how.phase, days_per_week=how.days_per_week, budget=how.budget
    )


def coverage(draft: Draft, week: Week) -> list[int]:
    """Days each choice landed on, in draft order (0 means it did not fit)."""
    return [len(week.days_of.get(choice.entry.id, [])) for choice in choices(draft)]


def refit(
    plan: Plan, draft: Draft, how: Fit, catalog: Mapping[str, CatalogEntry]
) -> tuple[Plan, list[str]]:
    """The plan rebuilt from a draft, and the ids of timed choices that did not fit."""
    week = fit(draft, how)
    items: list[PlanItem] = []
    left_out: list[str] = []
    for part in draft:
        if isinstance(part, PlanItem):
            items.append(part)
        elif part.slot == Slot.as_needed or part.entry.id in week.days_of:
            items.append(plan_item(part.entry, part.why, week, part.slot))
        else:
            left_out.append(part.entry.id)
    document = plan.model_copy(
        update={
            "items": items,
            "week": week.timetable(),
            "total_minutes_per_day": {day: round(week.used[day], 2) for day in DAYS},
            "stances": _stances(plan, items, catalog),
        }
    )
    return document, left_out


def _stances(
    plan: Plan, items: Sequence[PlanItem], catalog: Mapping[str, CatalogEntry]
) -> dict[str, dict[Guideline, Stance]]:
    """Guideline positions for the new items, plus those of the things to avoid (as built)."""
    avoid = {nr.id for nr in plan.not_recommended}
    stances: dict[str, dict[Guideline, Stance]] = {i.id: dict(catalog[i.id].stances) for i in items}
    stances |= {key: dict(value) for key, value in plan.stances.items() if key in avoid}
    return {key: value for key, value in stances.items() if value}


def with_explanation(plan: Plan, lines: Sequence[str], today: date) -> Plan:
    """The plan with this review's lines first, dated; lines of earlier reviews are dropped."""
    # Each plan version keeps only its own review's lines, so the explanation does not grow
    # week by week; earlier versions, stored by the caller, keep theirs.
    dated = [f"{review_prefix(today)}{line}" for line in lines]
    kept = [line for line in plan.explanation if not _is_review_line(line)]
    return plan.model_copy(update={"explanation": [*dated, *kept]})


_REVIEW_LINE = re.compile(r"^Changed on \d{4}-\d{2}-\d{2}: ")


def review_prefix(today: date) -> str:
    return f"Changed on {today.isoformat()}: "


def _is_review_line(line: str) -> bool:
    return _REVIEW_LINE.match(line) is not None


def add_referral(
    plan: Plan, entry: CatalogEntry, why: str, catalog: Mapping[str, CatalogEntry]
) -> Plan:
    """The plan with a referral added after its other referrals (where the builder puts them)."""
    item = plan_item(entry, why, Week(0), Slot.as_needed).model_copy(
        update={"schedule": "arrange soon"}
    )
    position = sum(1 for existing in plan.items if existing.kind == Kind.referral)
    items = [*plan.items[:position], item, *plan.items[position:]]
    return plan.model_copy(update={"items": items, "stances": _stances(plan, items, catalog)})

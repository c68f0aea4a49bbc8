"""Build the plan document (contract 3): pure, deterministic, safety first."""

from __future__ import annotations

from backcare.domain.classify import Classification, classify
from backcare.domain.facts import contraindication_codes
from backcare.domain.facts_for_rules import rule_facts
from backcare.domain.intake import Intake
from backcare.domain.logic import Facts
from backcare.domain.plan import explain
from backcare.domain.plan.compose import Choice, Slot, compose
from backcare.domain.plan.eligibility import Person, excluded_for_safety
from backcare.domain.plan.referrals import Context, choose_referrals
from backcare.domain.plan.safety import safety_items
from backcare.domain.plan.schedule import Week, fit_week
from backcare.domain.plan_model import (
    DAYS,
    NotRecommendedItem,
    Plan,
    PlanItem,
    TriageResult,
)
from backcare.domain.triage import DISCLAIMER, triage
from backcare.domain.vocabulary import Level
from backcare.knowledge.loader import Knowledge
from backcare.knowledge.schema import CatalogEntry

SAFETY_ONLY = frozenset({Level.emergency, Level.urgent})


def build_plan(intake: Intake, knowledge: Knowledge) -> Plan:
    """Triage, classify and plan one intake; the same intake always gives the same plan."""
    classification = classify(intake)
    facts = rule_facts(intake, classification)
    result = triage(intake, knowledge, classification, facts)
    person = Person(intake, classification.duration, contraindication_codes(intake))
    if result.level in SAFETY_ONLY:
        items = safety_items(knowledge.catalog, result)
        return _document(facts, knowledge, classification, result, items, Week(0), person)
    choices = compose(knowledge.catalog, person, classification)
    week = fit_week(
        choices,
        phase=person.phase,
        days_per_week=intake.preferences.days_per_week,
        budget=intake.preferences.minutes_per_day,
    )
    kept = [c for c in choices if c.slot == Slot.as_needed or c.entry.id in week.days_of]
    items = _referrals(knowledge, person, classification, result) + [
        plan_item(c.entry, c.why, week, c.slot) for c in kept
    ]
    kept_ids = {c.entry.id for c in kept}
    dropped = [c.entry.title for c in choices if c.entry.id not in kept_ids]
    plan = _document(facts, knowledge, classification, result, items, week, person)
    return plan.model_copy(update={"explanation": [*plan.explanation, *explain.dropped(dropped)]})


def _referrals(
    knowledge: Knowledge, person: Person, classification: Classification, result: TriageResult
) -> list[PlanItem]:
    context = Context(person, classification, result)
    items = []
    for entry, rule in choose_referrals(knowledge.catalog, context):
        item = plan_item(entry, f"{rule.why} [{rule.id}]", Week(0), Slot.as_needed)
        when = "an option to discuss with your clinician" if rule.optional else "arrange soon"
        items.append(item.model_copy(update={"schedule": when}))
    return items


def plan_item(entry: CatalogEntry, why: str, week: Week, slot: Slot) -> PlanItem:
    """One plan item as the fitted week placed it (the weekly review rebuilds items with it)."""
    days = sorted(week.days_of.get(entry.id, []), key=DAYS.index)
    minutes = week.minutes_of.get(entry.id, entry.dose.minutes)
    changes: dict[str, object] = {
        "why": why,
        "days": days,
        "minutes": minutes,
        "schedule": explain.schedule(entry, days, slot),
    }
    if entry.dose.minutes and minutes != entry.dose.minutes:
        changes["dose"] = f"{minutes:g} min"
    return base_item(entry).model_copy(update=changes)


# Entry object id -> (entry, its base item). Holding the entry keeps its id from being reused;
# the cap only matters for processes that reload the knowledge many times (tests).
_BASE_ITEMS: dict[int, tuple[CatalogEntry, PlanItem]] = {}
_BASE_ITEMS_CAP = 4096


def base_item(entry: CatalogEntry) -> PlanItem:
    """The plan item an entry becomes before it is timetabled (made once, never mutated)."""
    cached = _BASE_ITEMS.get(id(entry))
    if cached is not None and cached[0] is entry:
        return cached[1]
    if len(_BASE_ITEMS) >= _BASE_ITEMS_CAP:
        _BASE_ITEMS.clear()
    item = _make_base_item(entry)
    _BASE_ITEMS[id(entry)] = (entry, item)
    return item


def _make_base_item(entry: CatalogEntry) -> PlanItem:
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
        days=[],
        evidence=list(entry.evidence),
        steps=list(entry.steps),
        feel=entry.feel,
        cautions=list(entry.cautions),
        target=entry.target,
        progression=list(entry.progression),
        regression=list(entry.regression),
        level=entry.level,
    )


def _document(
    facts: Facts,
    knowledge: Knowledge,
    classification: Classification,
    result: TriageResult,
    items: list[PlanItem],
    week: Week,
    person: Person,
) -> Plan:
    intake = person.intake
    avoid = [nr for nr in knowledge.not_recommended if nr.when is None or nr.when(facts)]
    stances = {i.id: dict(knowledge.catalog[i.id].stances) for i in items}
    stances |= {nr.entry.id: dict(nr.entry.stances) for nr in avoid}
    timetable = week.timetable()
    return Plan.model_construct(
        triage=result,
        classification=classification.as_contract(),
        items=items,
        not_recommended=[
            NotRecommendedItem.model_construct(
                id=nr.entry.id,
                title=nr.entry.title,
                why=nr.entry.why,
                evidence=list(nr.entry.evidence),
            )
            for nr in avoid
        ],
        stances={k: v for k, v in stances.items() if v},
        week=timetable,
        total_minutes_per_day={day: round(week.used[day], 2) for day in DAYS},
        minutes_per_day_budget=intake.preferences.minutes_per_day,
        explanation=explain.overview(intake, classification, result),
        excluded=excluded_for_safety(knowledge.catalog, person),
        knowledge_version=knowledge.version,
        disclaimer=DISCLAIMER,
    )


__all__ = ["Choice", "build_plan", "plan_item"]

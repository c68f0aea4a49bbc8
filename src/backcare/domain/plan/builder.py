"""Build the plan document (contract 3): pure, deterministic, safety first."""

from __future__ import annotations

from collections.abc import Sequence

from backcare.domain.classify import Classification, classify
from backcare.domain.facts import contraindication_codes
from backcare.domain.facts_for_rules import referral_facts, rule_facts
from backcare.domain.history_flags import AssessedFlag
from backcare.domain.identity_cache import ByIdentity
from backcare.domain.intake import Intake
from backcare.domain.knowledge.catalog import Catalog
from backcare.domain.knowledge.model import Knowledge
from backcare.domain.logic import Facts
from backcare.domain.plan import explain
from backcare.domain.plan.compose import Choice, Slot, compose
from backcare.domain.plan.eligibility import Person, excluded_for_safety
from backcare.domain.plan.items import not_recommended_item, plan_item, referral_item
from backcare.domain.plan.referrals import choose_referrals
from backcare.domain.plan.safety import safety_items
from backcare.domain.plan.schedule import Week, fit_week
from backcare.domain.plan_model import (
    DAYS,
    Plan,
    PlanItem,
    TriageResult,
)
from backcare.domain.triage import DISCLAIMER, triage
from backcare.domain.vocabulary import Guideline, Level, Stance

SAFETY_ONLY = frozenset({Level.emergency, Level.urgent})


def build_plan(intake: Intake, knowledge: Knowledge, assessed: Sequence[AssessedFlag] = ()) -> Plan:
    """Triage, classify and plan one intake; the same intake always gives the same plan
    (``assessed``: the history-only red flags a doctor has assessed, domain.history_flags)."""
    classification = classify(intake)
    facts = rule_facts(intake, classification)
    result = triage(intake, knowledge, classification, facts, assessed)
    person = Person(intake, classification.duration, contraindication_codes(intake))
    if result.level in SAFETY_ONLY:
        items = safety_items(knowledge, result)
        return _document(facts, knowledge, classification, result, items, Week(0), person, [])
    choices = compose(knowledge.catalog, person, classification)
    week = fit_week(
        choices,
        phase=person.phase,
        days_per_week=intake.preferences.days_per_week,
        budget=intake.preferences.minutes_per_day,
    )
    kept = [c for c in choices if c.slot == Slot.as_needed or c.entry.id in week.days_of]
    items = _referrals(knowledge, facts, person, classification, result) + [
        plan_item(c.entry, c.why, week, c.slot) for c in kept
    ]
    kept_ids = {c.entry.id for c in kept}
    dropped = [c.entry.title for c in choices if c.entry.id not in kept_ids]
    notes = explain.dropped(dropped)
    return _document(facts, knowledge, classification, result, items, week, person, notes)


def _referrals(
    knowledge: Knowledge,
    facts: Facts,
    person: Person,
    classification: Classification,
    result: TriageResult,
) -> list[PlanItem]:
    items = []
    reads = knowledge.referral_reads
    chosen = choose_referrals(
        knowledge, referral_facts(facts, classification, result, reads), person
    )
    for entry, rule in chosen:
        when = "an option to discuss with your clinician" if rule.optional else "arrange soon"
        # The rule id and its rationale go in their own fields: the person reads only "why".
        items.append(referral_item(entry, rule.why, when, rule.id, rule.rationale))
    return items


def _entries_with_stances(catalog: Catalog) -> dict[str, dict[Guideline, Stance]]:
    return {entry.id: entry.stances for entry in catalog.values() if entry.stances}


# Few entries carry guideline stances; find them once per catalog rather than once per item.
stances_of = ByIdentity(_entries_with_stances)


def _document(
    facts: Facts,
    knowledge: Knowledge,
    classification: Classification,
    result: TriageResult,
    items: list[PlanItem],
    week: Week,
    person: Person,
    notes: list[str],
) -> Plan:
    intake = person.intake
    avoid = [nr for nr in knowledge.not_recommended if nr.when is None or nr.when(facts)]
    with_stances = stances_of(knowledge.catalog)
    stances = {i.id: dict(with_stances[i.id]) for i in items if i.id in with_stances}
    stances |= {nr.entry.id: dict(nr.entry.stances) for nr in avoid if nr.entry.stances}
    timetable = week.timetable()
    return Plan.model_construct(
        triage=result,
        classification=classification.as_contract(),
        items=items,
        not_recommended=[not_recommended_item(nr.entry) for nr in avoid],
        stances=stances,
        week=timetable,
        total_minutes_per_day={day: round(week.used[day], 2) for day in DAYS},
        minutes_per_day_budget=intake.preferences.minutes_per_day,
        explanation=[*explain.overview(intake, classification, result), *notes],
        excluded=excluded_for_safety(knowledge.catalog, person),
        knowledge_version=knowledge.version,
        disclaimer=DISCLAIMER,
    )


__all__ = ["Choice", "build_plan", "plan_item"]

"""The plan at emergency or urgent level: where to go and how to stay safe, nothing else."""

from __future__ import annotations

from backcare.domain.knowledge.model import Knowledge
from backcare.domain.knowledge.schema import CatalogEntry
from backcare.domain.plan.items import base_item
from backcare.domain.plan_model import PlanItem, TriageResult
from backcare.domain.vocabulary import Kind, Level

LEVEL_REFERRAL = {Level.emergency: "referral-emergency-department", Level.urgent: "referral-gp"}
_ADVICE_TAGS = ("while-waiting", "safety-net")


def safety_items(knowledge: Knowledge, result: TriageResult) -> list[PlanItem]:
    """Referrals first, then safety advice; no exercise, stretch or massage (contract 3)."""
    catalog = knowledge.catalog
    flags = "; ".join(flag.label for flag in result.red_flags if flag.escalates)
    why = f"{result.headline}: {flags}. {result.action}"
    usual, routed = _referrals(knowledge, result)
    items = [_item(catalog[entry_id], why, result.timeframe) for entry_id in usual]
    for entry_id, also in routed:
        # The first referral carries the instruction; a routed one added beside the usual
        # service (the maternity unit beside the emergency department) says why it is there.
        text = also if items else why
        items.append(_item(catalog[entry_id], text, result.timeframe))
    for tag in _ADVICE_TAGS:
        advice = next(
            (e for e in catalog.values() if e.kind == Kind.advice and tag in e.tags), None
        )
        if advice and advice.id not in {i.id for i in items}:
            items.append(_item(advice, "Keep yourself safe until you are seen.", "until seen"))
    return items


def _referrals(
    knowledge: Knowledge, result: TriageResult
) -> tuple[list[str], list[tuple[str, str]]]:
    """The level's usual referral unless every top rule names a route; then each route's."""
    rules = [knowledge.rule_index[flag.id].rule for flag in result.red_flags if flag.escalates]
    urgent_or_more = [rule for rule in rules if rule.level.rank >= Level.urgent.rank]
    top = [rule for rule in urgent_or_more if rule.level == result.level]
    usual = [LEVEL_REFERRAL[result.level]] if any(rule.refer_to is None for rule in top) else []
    targets = dict.fromkeys(r.refer_to for r in urgent_or_more if r.refer_to is not None)
    routed = [
        (knowledge.routes[target].route.referral, knowledge.routes[target].route.also)
        for target in targets
    ]
    return usual, routed


def _item(entry: CatalogEntry, why: str, schedule: str) -> PlanItem:
    update = {"why": why, "schedule": schedule, "minutes": 0, "days": ()}
    return base_item(entry).model_copy(update=update)

"""The plan at emergency or urgent level: where to go and how to stay safe, nothing else."""

from __future__ import annotations

from collections.abc import Mapping

from backcare.domain.plan.items import base_item
from backcare.domain.plan_model import PlanItem, TriageResult
from backcare.domain.vocabulary import Kind, Level
from backcare.knowledge.schema import CatalogEntry

_REFERRAL = {Level.emergency: "referral-emergency-department", Level.urgent: "referral-gp"}
_ADVICE_TAGS = ("while-waiting", "safety-net")


def safety_items(catalog: Mapping[str, CatalogEntry], result: TriageResult) -> list[PlanItem]:
    """Referral first, then safety advice; no exercise, stretch or massage (contract 3)."""
    referral = catalog[_REFERRAL[result.level]]
    flags = "; ".join(flag.label for flag in result.red_flags if flag.escalates)
    why = f"{result.headline}: {flags}. {result.action}"
    items = [_item(referral, why, result.timeframe)]
    for tag in _ADVICE_TAGS:
        advice = next(
            (e for e in catalog.values() if e.kind == Kind.advice and tag in e.tags), None
        )
        if advice and advice.id not in {i.id for i in items}:
            items.append(_item(advice, "Keep yourself safe until you are seen.", "until seen"))
    return items


def _item(entry: CatalogEntry, why: str, schedule: str) -> PlanItem:
    update = {"why": why, "schedule": schedule, "minutes": 0, "days": []}
    return base_item(entry).model_copy(update=update)

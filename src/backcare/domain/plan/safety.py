"""The plan at emergency or urgent level: where to go and how to stay safe, nothing else."""

from __future__ import annotations

from collections.abc import Mapping

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
    return PlanItem.model_construct(
        id=entry.id,
        kind=entry.kind,
        title=entry.title,
        summary=entry.summary,
        why=why,
        dose=entry.dose.describe(),
        minutes=0,
        schedule=schedule,
        days=[],
        evidence=list(entry.evidence),
        steps=list(entry.steps),
        feel=entry.feel,
        cautions=list(entry.cautions),
        target=entry.target,
        level=entry.level,
    )

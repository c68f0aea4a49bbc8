"""The clinical engine's public face: plain dicts in, contract documents out."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from backcare.domain.intake import Intake
from backcare.domain.plan.builder import build_plan
from backcare.domain.plan_model import Plan
from backcare.domain.triage import triage
from backcare.knowledge.loader import Knowledge, load_knowledge

__all__ = [
    "Plan",
    "build_plan",
    "default_knowledge",
    "plan_document",
    "triage_clinician_document",
    "triage_document",
]


@lru_cache(maxsize=1)
def default_knowledge() -> Knowledge:
    """The packaged knowledge, loaded and validated once per process."""
    return load_knowledge()


def triage_document(data: dict[str, Any], knowledge: Knowledge | None = None) -> dict[str, Any]:
    """Contract 2 for an intake given as a JSON-like dict (raises ValidationError if invalid)."""
    intake = Intake.model_validate(data)
    result = triage(intake, knowledge or default_knowledge())
    return result.model_dump(mode="json")


def triage_clinician_document(
    data: dict[str, Any], knowledge: Knowledge | None = None
) -> dict[str, Any]:
    """Contract 2 plus a ``clinician`` key: rules, answers read, sources, de-escalations."""
    from backcare.domain.clinician import clinician_view

    intake = Intake.model_validate(data)
    knowledge = knowledge or default_knowledge()
    document = triage(intake, knowledge).model_dump(mode="json")
    return {**document, "clinician": clinician_view(intake, knowledge).model_dump(mode="json")}


def plan_document(data: dict[str, Any], knowledge: Knowledge | None = None) -> dict[str, Any]:
    """Contract 3 for an intake given as a JSON-like dict (raises ValidationError if invalid)."""
    intake = Intake.model_validate(data)
    return build_plan(intake, knowledge or default_knowledge()).model_dump(mode="json")

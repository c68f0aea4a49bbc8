"""The fhir.resources R4B models, imported only when needed."""

from __future__ import annotations

import importlib
from typing import Any

from pydantic import BaseModel, ValidationError

from backcare.interop.fhir.ids import problem

RESOURCE_MODULES = {
    "Patient": "patient",
    "Questionnaire": "questionnaire",
    "QuestionnaireResponse": "questionnaireresponse",
    "RiskAssessment": "riskassessment",
    "Condition": "condition",
    "Goal": "goal",
    "CarePlan": "careplan",
    "ServiceRequest": "servicerequest",
    "Observation": "observation",
    "Flag": "flag",
    "Appointment": "appointment",
    "CareTeam": "careteam",
    "Communication": "communication",
    "DocumentReference": "documentreference",
}
"""The resources Backcare writes and reads."""


def model_class(resource_type: str) -> type[BaseModel]:
    """The fhir.resources R4B model of a resource type (or of Bundle)."""
    module = RESOURCE_MODULES.get(resource_type, resource_type.lower())
    found: type[BaseModel] = getattr(
        importlib.import_module(f"fhir.resources.R4B.{module}"), resource_type
    )
    return found


def model_problem(exc: ValidationError, where: str) -> Exception:
    """The model's first complaint, naming the field."""
    error = exc.errors(include_url=False)[0]
    field = ".".join(str(part) for part in error["loc"]) or "resource"
    return problem(where, field, str(error["msg"]).removeprefix("Value error, "))


def validate_envelope(bundle: dict[str, Any]) -> None:
    """The Bundle itself (type, timestamp, entries' fullUrls), without its resources."""
    shell = {**bundle, "entry": [{"fullUrl": e.get("fullUrl")} for e in bundle.get("entry", [])]}
    try:
        model_class("Bundle").model_validate(shell)
    except ValidationError as exc:
        raise model_problem(exc, "Bundle") from exc

"""Checks that the fhir.resources models do not make: status value sets and required codes.

The models accept any string as a status and a null code without a word, so every resource
Backcare writes or reads passes through ``check_codes`` as well.
"""

from __future__ import annotations

from typing import Any

from backcare.interop.fhir.codes import CONDITION_CLINICAL, CONDITION_VERIFICATION
from backcare.interop.fhir.ids import problem
from backcare.interop.fhir.team_codes import check_team_codes

_OBSERVATION = frozenset(
    {
        "registered",
        "preliminary",
        "final",
        "amended",
        "corrected",
        "cancelled",
        "entered-in-error",
        "unknown",
    }
)
_REQUEST = frozenset(
    {"draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"}
)
STATUS: dict[str, tuple[str, frozenset[str]]] = {
    "Observation": ("status", _OBSERVATION),
    "RiskAssessment": ("status", _OBSERVATION),
    "QuestionnaireResponse": (
        "status",
        frozenset({"in-progress", "completed", "amended", "entered-in-error", "stopped"}),
    ),
    "Questionnaire": ("status", frozenset({"draft", "active", "retired", "unknown"})),
    "CarePlan": ("status", _REQUEST),
    "ServiceRequest": ("status", _REQUEST),
    "Goal": (
        "lifecycleStatus",
        frozenset(
            {
                "proposed",
                "planned",
                "accepted",
                "active",
                "on-hold",
                "completed",
                "cancelled",
                "entered-in-error",
                "rejected",
            }
        ),
    ),
    "Flag": ("status", frozenset({"active", "inactive", "entered-in-error"})),
    "Appointment": (
        "status",
        frozenset({"proposed", "pending", "booked", "arrived", "fulfilled", "cancelled"})
        | frozenset({"noshow", "entered-in-error", "checked-in", "waitlist"}),
    ),
}
INTENT: dict[str, frozenset[str]] = {
    "CarePlan": frozenset({"proposal", "plan", "order", "option"}),
    "ServiceRequest": frozenset(
        {
            "proposal",
            "plan",
            "directive",
            "order",
            "original-order",
            "reflex-order",
            "filler-order",
            "instance-order",
            "option",
        }
    ),
}
REQUIRED_CODES: dict[str, tuple[str, ...]] = {
    "Observation": ("code",),
    "Condition": ("code", "clinicalStatus"),
    "ServiceRequest": ("code",),
    "Flag": ("code",),
    "RiskAssessment": (),
}
CONDITION_STATUS = {
    "clinicalStatus": (
        CONDITION_CLINICAL,
        frozenset({"active", "recurrence", "relapse", "inactive", "remission", "resolved"}),
    ),
    "verificationStatus": (
        CONDITION_VERIFICATION,
        frozenset(
            {
                "unconfirmed",
                "provisional",
                "differential",
                "confirmed",
                "refuted",
                "entered-in-error",
            }
        ),
    ),
}
ACTIVITY_STATUS = frozenset(
    {
        "not-started",
        "scheduled",
        "in-progress",
        "on-hold",
        "completed",
        "cancelled",
        "stopped",
        "unknown",
        "entered-in-error",
    }
)
BUNDLE_TYPES = frozenset(
    {
        "document",
        "message",
        "transaction",
        "transaction-response",
        "batch",
        "batch-response",
        "history",
        "searchset",
        "collection",
    }
)


def check_codes(resource: dict[str, Any], where: str) -> None:
    """Refuse a status outside its value set or a required code that is missing or empty."""
    kind = str(resource.get("resourceType"))
    if kind in STATUS:
        field, allowed = STATUS[kind]
        _one_of(resource.get(field), allowed, where, field)
    if kind in INTENT:
        _one_of(resource.get("intent"), INTENT[kind], where, "intent")
    for field in REQUIRED_CODES.get(kind, ()):
        if not has_code(resource.get(field)):
            raise problem(where, field, "needs a coding with a system and a code.")
    if kind == "Condition":
        _condition_status(resource, where)
    check_team_codes(resource, where)
    if kind == "CarePlan":
        for number, activity in enumerate(resource.get("activity", [])):
            if "detail" in activity:
                status = activity["detail"].get("status")
                _one_of(status, ACTIVITY_STATUS, where, f"activity[{number}].detail.status")


def has_code(value: Any) -> bool:
    """Whether a CodeableConcept holds at least one coding with a system and a code."""
    if not isinstance(value, dict):
        return False
    return any(c.get("system") and c.get("code") for c in value.get("coding") or [])


def _one_of(value: Any, allowed: frozenset[str], where: str, field: str) -> None:
    if value not in allowed:
        raise problem(where, field, f"{value!r} is not one of {', '.join(sorted(allowed))}.")


def _condition_status(resource: dict[str, Any], where: str) -> None:
    for field, (system, allowed) in CONDITION_STATUS.items():
        concept = resource.get(field)
        if concept is None:
            continue
        codes = [c for c in concept.get("coding", []) if c.get("system") == system]
        if not codes:
            raise problem(where, field, f"needs a coding from {system}.")
        _one_of(codes[0].get("code"), allowed, where, f"{field}.coding")

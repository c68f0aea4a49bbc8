"""Daily check-ins as Observations, and back."""

from __future__ import annotations

from typing import Any

from backcare.interop.fhir.assessment import instant
from backcare.interop.fhir.codes import (
    CHECKIN,
    LOINC,
    PAIN_SEVERITY,
    RECORD_KIND,
    WARNING_SYMPTOM,
    category,
    coding,
    concept,
    quantity,
)
from backcare.interop.fhir.parts import day, moment, one, part, parts, required
from backcare.tracking.schemas import CheckInCreate, CheckInRead

PAIN_DISPLAY = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"


def checkin_resource(checkin: CheckInRead, *, rid: str, subject: dict[str, Any]) -> dict[str, Any]:
    """A check-in: pain now (LOINC 72514-3) with what was done and any warning sign."""
    components = [
        part("sessions-done", "valueInteger", checkin.sessions_done),
        part("minutes", "valueQuantity", quantity(checkin.minutes, "min")),
        part("flare-up", "valueBoolean", checkin.flare_up),
        *(
            part("warning", "valueCodeableConcept", concept(WARNING_SYMPTOM, code.value))
            for code in checkin.warnings
        ),
    ]
    resource = observation_base(
        rid, "survey", CHECKIN, subject, checkin.date.isoformat(), checkin.created_at
    )
    resource["code"]["coding"].insert(0, coding(LOINC, PAIN_SEVERITY, PAIN_DISPLAY))
    resource["code"]["text"] = "Daily check-in: pain now, 0 to 10"
    resource["valueInteger"] = checkin.pain_now
    resource["component"] = components
    if checkin.notes:
        resource["note"] = [{"text": checkin.notes}]
    return resource


def observation_base(
    rid: str, kind_of: str, kind: str, subject: dict[str, Any], effective: str, issued: Any
) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "id": rid,
        "status": "final",
        "category": category(kind_of),
        "code": {"coding": [coding(RECORD_KIND, kind)]},
        "subject": subject,
        "effectiveDateTime": effective,
        "issued": instant(issued),
    }


def read_checkin(resource: dict[str, Any], where: str) -> CheckInCreate:
    """The check-in an Observation holds (validated by the check-in schema)."""
    found = parts(resource)
    warnings = [
        c["valueCodeableConcept"]["coding"][0]["code"]
        for c in found.get("warning", [])
        if c.get("valueCodeableConcept", {}).get("coding")
    ]
    notes = " ".join(n.get("text", "") for n in resource.get("note", []))
    return CheckInCreate.model_validate(
        {
            "date": day(resource, where),
            "pain_now": required(resource, "valueInteger", where),
            "sessions_done": one(found, "sessions-done", "valueInteger", where, 0),
            "minutes": one(found, "minutes", "valueQuantity", where, {"value": 0})["value"],
            "flare_up": one(found, "flare-up", "valueBoolean", where, False),
            "warnings": warnings,
            "notes": notes,
        }
    )


def issued(resource: dict[str, Any], where: str) -> Any:
    """When the record was entered (Observation.issued), or None."""
    return moment(resource, "issued", where)

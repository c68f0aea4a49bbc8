"""Patient: the person's name, Backcare's id for them, and their programme preferences."""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from backcare.domain.intake import Preferences
from backcare.interop.fhir.codes import PATIENT_ID, PREFERENCES_EXTENSION
from backcare.interop.fhir.ids import first_error, problem
from backcare.patients.schemas import PatientRead


def patient_resource(patient: PatientRead, rid: str) -> dict[str, Any]:
    """The Patient resource of a Backcare patient."""
    preferences = patient.preferences.model_dump(mode="json")
    return {
        "resourceType": "Patient",
        "id": rid,
        "extension": [
            {"url": PREFERENCES_EXTENSION, "valueString": json.dumps(preferences, sort_keys=True)}
        ],
        "identifier": [{"system": PATIENT_ID, "value": patient.id}],
        "active": True,
        "name": [{"text": patient.display_name}],
    }


def read_patient(resource: dict[str, Any], where: str) -> tuple[str, Preferences]:
    """The display name and preferences from a Patient resource."""
    names = resource.get("name") or []
    name = _name_text(names[0]) if names else ""
    if not name:
        raise problem(where, "name", "the person has no name to show; give name[0].text.")
    return name, _preferences(resource, where)


def _name_text(name: dict[str, Any]) -> str:
    if name.get("text"):
        return str(name["text"]).strip()
    parts = [*name.get("given", []), name.get("family", "")]
    return " ".join(str(part) for part in parts if part).strip()


def _preferences(resource: dict[str, Any], where: str) -> Preferences:
    for extension in resource.get("extension", []):
        if extension.get("url") != PREFERENCES_EXTENSION:
            continue
        try:
            return Preferences.model_validate(json.loads(extension.get("valueString", "")))
        except (ValueError, ValidationError) as exc:
            raise problem(
                where,
                "extension[preferences]",
                f"is not Backcare's preferences ({first_error(exc)}).",
            ) from exc
    return Preferences()

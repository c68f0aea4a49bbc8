"""Code systems, codes and extension URLs used in Backcare's FHIR resources, in one place."""

from __future__ import annotations

from typing import Any

BASE = "https://fhir.backcare.invalid"
"""Backcare's own code systems and extensions live under this base. Backcare has no registered
domain; ``.invalid`` is reserved (RFC 2606), so these URLs can never clash with anyone else's
codes. Changing it breaks the import of earlier exports, so it is changed here or nowhere."""

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
HL7_TERMINOLOGY = "http://terminology.hl7.org/CodeSystem"
OBSERVATION_CATEGORY = f"{HL7_TERMINOLOGY}/observation-category"
CONDITION_CLINICAL = f"{HL7_TERMINOLOGY}/condition-clinical"
CONDITION_VERIFICATION = f"{HL7_TERMINOLOGY}/condition-ver-status"
CONDITION_CATEGORY = f"{HL7_TERMINOLOGY}/condition-category"

PATIENT_ID = f"{BASE}/patient-id"
EXPORT_TAG = f"{BASE}/CodeSystem/export-format"
EXPORT_FORMAT = "backcare-fhir/1"
RECORD_KIND = f"{BASE}/CodeSystem/record-kind"
"""Which Backcare record an Observation holds (check-in, a day's exercise sessions, a measure)."""
RECORD_PART = f"{BASE}/CodeSystem/record-part"
"""The parts of a record kept in Observation components (sessions done, felt, ...)."""
CATALOG = f"{BASE}/CodeSystem/catalog"
REFERRAL_TARGET = f"{BASE}/CodeSystem/referral-target"
TRIAGE_LEVEL = f"{BASE}/CodeSystem/triage-level"
RED_FLAG = f"{BASE}/CodeSystem/red-flag"
ALERT_KIND = f"{BASE}/CodeSystem/alert-kind"
WARNING_SYMPTOM = f"{BASE}/CodeSystem/warning-symptom"
STARTBACK_ITEM = f"{BASE}/CodeSystem/startback-item"
PSFS_ITEM = f"{BASE}/CodeSystem/psfs-item"
INTAKE_ANSWER = f"{BASE}/CodeSystem/intake"
"""Answer codes of the intake questionnaire: ``{INTAKE_ANSWER}/{EnumName}``."""

INTAKE_QUESTIONNAIRE = f"{BASE}/Questionnaire/intake"
PLAN_VERSION_EXTENSION = f"{BASE}/StructureDefinition/plan-version"
"""The plan version (contract 3 document and who made it, why) as JSON, so that another
Backcare gets the plan back exactly; other systems read the CarePlan's activities."""
PREFERENCES_EXTENSION = f"{BASE}/StructureDefinition/preferences"
ALERT_DETAIL_EXTENSION = f"{BASE}/StructureDefinition/alert-detail"
SESSION_FELT_EXTENSION = f"{BASE}/StructureDefinition/session-felt"
"""How a session felt, 0 (very bad) to 10 (very good), on its component."""
SESSION_STOPPED_EXTENSION = f"{BASE}/StructureDefinition/session-stopped-early"
"""On a session stopped early only: ``valueString`` gives the person's reason, or
``valueBoolean`` true when they gave none."""

LOW_BACK_PAIN, SCIATICA = "279039007", "23056005"
"""SNOMED CT: Low back pain (finding); Sciatica (disorder)."""
CONDITION_TEXT = {LOW_BACK_PAIN: "Low back pain", SCIATICA: "Sciatica"}
PAIN_SEVERITY = "72514-3"
"""LOINC: Pain severity - 0-10 verbal numeric rating [Score] - Reported."""
PEG_PANEL, PEG_SCORE = "91148-7", "91147-9"
"""LOINC: the PEG 3-item pain scale panel, and its score (the mean of the three items)."""

# Kinds of Observation (RECORD_KIND codes).
CHECKIN, SESSIONS, NPRS, PEG, PSFS, STARTBACK = (
    "checkin",
    "exercise-sessions",
    "nprs",
    "peg",
    "psfs",
    "startback",
)


def coding(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    """A Coding as JSON, without an empty display."""
    found: dict[str, Any] = {"system": system, "code": code}
    if display:
        found["display"] = display
    return found


def concept(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    """A CodeableConcept with one coding (and its display as text)."""
    found: dict[str, Any] = {"coding": [coding(system, code, display)]}
    if display:
        found["text"] = display
    return found


def category(code: str) -> list[dict[str, Any]]:
    """An Observation category from HL7's observation-category code system."""
    return [{"coding": [coding(OBSERVATION_CATEGORY, code)]}]


def quantity(value: float, unit: str) -> dict[str, Any]:
    """A UCUM Quantity; ``{score}`` is UCUM's annotation for a unitless score."""
    return {"value": value, "unit": unit, "system": UCUM, "code": unit}

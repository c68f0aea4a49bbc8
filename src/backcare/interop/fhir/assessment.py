"""What Backcare concluded from an intake: the RiskAssessment (triage) and the Conditions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from backcare.assessments.schemas import AssessmentRead
from backcare.interop.fhir.codes import (
    CONDITION_CATEGORY,
    CONDITION_CLINICAL,
    CONDITION_TEXT,
    CONDITION_VERIFICATION,
    LOW_BACK_PAIN,
    RED_FLAG,
    SCIATICA,
    SNOMED,
    TRIAGE_LEVEL,
    coding,
    concept,
)

NOT_A_DIAGNOSIS = (
    "Recorded from the person's answers to Backcare's questions. Backcare informs and organises "
    "care; it does not diagnose."
)


def instant(moment: dt.datetime) -> str:
    """A FHIR instant in UTC, written with Z as the fhir.resources models write it."""
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def risk_assessment(
    assessment: AssessmentRead, *, rid: str, subject: dict[str, Any], basis: dict[str, Any]
) -> dict[str, Any]:
    """The triage of one assessment: its level first, then one prediction per red flag."""
    triage = assessment.triage
    level = {
        "outcome": concept(TRIAGE_LEVEL, triage["level"], triage["headline"]),
        "rationale": triage["action"],
    }
    flags = [
        {
            "outcome": concept(RED_FLAG, flag["id"], flag["label"]),
            "qualitativeRisk": concept(TRIAGE_LEVEL, flag["level"]),
            "rationale": flag["reason"],
        }
        for flag in triage["red_flags"]
    ]
    return {
        "resourceType": "RiskAssessment",
        "id": rid,
        "status": "final",
        "method": {"text": f"Backcare red-flag rules {triage['rules_version']}"},
        "subject": subject,
        "occurrenceDateTime": instant(assessment.created_at),
        "basis": [basis],
        "prediction": [level, *flags],
        "note": [{"text": triage["disclaimer"]}],
    }


def condition_codes(assessment: AssessmentRead) -> list[str]:
    """Low back pain always; sciatica too when the pain was classified as radicular."""
    radicular = assessment.classification.get("type") == "radicular"
    return [LOW_BACK_PAIN, SCIATICA] if radicular else [LOW_BACK_PAIN]


def condition(
    code: str, first: AssessmentRead, latest: AssessmentRead, *, rid: str, subject: dict[str, Any]
) -> dict[str, Any]:
    """A Condition for the episode: onset from the latest answers, recorded at the first."""
    weeks = float(latest.intake.get("duration_weeks", 0))
    onset = latest.created_at - dt.timedelta(weeks=weeks)
    return {
        "resourceType": "Condition",
        "id": rid,
        "clinicalStatus": concept(CONDITION_CLINICAL, "active"),
        # Unconfirmed: the person reported it; no clinician has verified it through Backcare.
        "verificationStatus": concept(CONDITION_VERIFICATION, "unconfirmed"),
        "category": [{"coding": [coding(CONDITION_CATEGORY, "problem-list-item")]}],
        "code": concept(SNOMED, code, CONDITION_TEXT[code]),
        "subject": subject,
        "onsetDateTime": onset.date().isoformat(),
        "recordedDate": instant(first.created_at),
        "note": [{"text": NOT_A_DIAGNOSIS}],
    }

"""Assessments: an intake in, triage, classification and a new plan version out."""

from __future__ import annotations

from functools import partial

from fastapi import APIRouter

from backcare.assessments import service
from backcare.assessments.schemas import AssessmentRead, AssessmentResult
from backcare.domain.intake import Intake
from backcare.web.api.responses import problems
from backcare.web.deps import KnowledgeDep, PatientId, ReadAccess, WriteAccess

router = APIRouter(prefix="/patients/{patient_id}/assessments", tags=["assessments"])


@router.post("", status_code=201, responses=problems(401, 403, 404))
async def assess(
    patient_id: PatientId, intake: Intake, access: WriteAccess, knowledge: KnowledgeDep
) -> AssessmentResult:
    """Triage, classify and plan from an intake; store it with a new plan version.

    An emergency or urgent result is a normal answer: its plan holds the referral and safety
    advice only (``plan_version.plan.triage`` says what to do and how fast).
    """
    work = partial(
        service.assess_patient, patient_id=patient_id, intake=intake, knowledge=knowledge
    )
    return await access.write(work)


@router.get("", responses=problems(401, 404))
async def list_assessments(patient_id: PatientId, access: ReadAccess) -> list[AssessmentRead]:
    """Every assessment of the patient, oldest first."""
    return await access.read(partial(service.list_assessments, patient_id=patient_id))

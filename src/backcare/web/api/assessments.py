"""Assessments: an intake in, triage, classification and a new plan version out."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Query

from backcare.assessments import service
from backcare.assessments.schemas import AssessmentRead, AssessmentResult
from backcare.domain.intake import Intake
from backcare.web.api.paths import API_V1
from backcare.web.api.responses import problems
from backcare.web.deps import KnowledgeDep, PatientId, ReadAccess, TodayDep, WriteAccess

router = APIRouter(prefix=f"{API_V1}/patients/{{patient_id}}/assessments", tags=["assessments"])


@router.post("", status_code=201, responses=problems(401, 403, 404))
async def assess(
    patient_id: PatientId,
    intake: Intake,
    access: WriteAccess,
    knowledge: KnowledgeDep,
    today: TodayDep,
    date: Annotated[
        dt.date | None,
        Query(
            description=(
                "The day the assessment was made, when it is entered later (a paper form, a "
                "pain diary): today or up to a year back, not before the latest assessment. "
                "The record then starts on that day, and check-ins from it on are accepted."
            )
        ),
    ] = None,
) -> AssessmentResult:
    """Triage, classify and plan from an intake; store it with a new plan version.

    An emergency or urgent result is a normal answer: its plan holds the referral and safety
    advice only (``plan_version.plan.triage`` says what to do and how fast).
    """
    work = partial(
        service.assess_patient_on,
        patient_id=patient_id,
        intake=intake,
        knowledge=knowledge,
        on=date or today,
        today=today,
    )
    return await access.write(work)


@router.get("", responses=problems(401, 404))
async def list_assessments(patient_id: PatientId, access: ReadAccess) -> list[AssessmentRead]:
    """Every assessment of the patient, oldest first."""
    return await access.read(partial(service.list_assessments, patient_id=patient_id))

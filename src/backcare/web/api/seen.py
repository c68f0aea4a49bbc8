"""Leaving the emergency or urgent plan: "I have been seen", and a clinician's decision."""

from __future__ import annotations

from functools import partial

from fastapi import APIRouter

from backcare.seen import service
from backcare.seen.schemas import SeenDecision, SeenReportCreate, SeenReportRead
from backcare.web.api.paths import API_V1
from backcare.web.api.responses import problems
from backcare.web.deps import (
    KnowledgeDep,
    PatientId,
    PlanReadAccess,
    RowNumber,
    SeenConfirmAccess,
    SeenReportAccess,
)

router = APIRouter(prefix=f"{API_V1}/patients/{{patient_id}}/seen-reports", tags=["safety plan"])


@router.get("", responses=problems(401, 404))
async def reports(patient_id: PatientId, access: PlanReadAccess) -> list[SeenReportRead]:
    """Every report of having been seen and what became of it, newest first."""
    return await access.read(partial(service.reports_of, patient_id=patient_id))


@router.post("", status_code=201, responses=problems(401, 403, 404, 409))
async def report(
    patient_id: PatientId, data: SeenReportCreate, access: SeenReportAccess, knowledge: KnowledgeDep
) -> SeenReportRead:
    """The person on a safety plan was seen. 409 while a warning sign still needs a doctor;
    with a care team a clinician then confirms; with none, the re-triage alone decides. When
    only a history answer (a past cancer) keeps the plan, confirming records it as assessed by
    a doctor; with no team the person says so (``history_assessed``), else 409 names it."""
    return await access.act(
        service.report_seen,
        patient_id=patient_id,
        data=data,
        today=access.state.today(),
        knowledge=knowledge,
    )


@router.post("/{report_id}/decision", responses=problems(401, 403, 404, 409))
async def decide(
    patient_id: PatientId,
    report_id: RowNumber,
    data: SeenDecision,
    access: SeenConfirmAccess,
    knowledge: KnowledgeDep,
) -> SeenReportRead:
    """A clinician in the team confirms (the usual plan returns) or declines, with a reason.
    409 when a red flag still fires or something newer was recorded. Confirming a plan that a
    history answer alone keeps records that history as assessed by a doctor."""
    return await access.act(
        service.decide_seen,
        patient_id=patient_id,
        report_id=report_id,
        data=data,
        today=access.state.today(),
        knowledge=knowledge,
    )

"""Leaving the emergency or urgent plan: "I have been seen", and a clinician's decision."""

from __future__ import annotations

from functools import partial

from fastapi import APIRouter
from sqlalchemy.orm import Session

from backcare.access.policy import Actor
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
    with a care team a clinician then confirms; with none, the re-triage alone decides."""

    def work(session: Session, actor: Actor) -> SeenReportRead:
        state = access.state
        return service.report_seen(
            session,
            patient_id=patient_id,
            data=data,
            by=actor,
            source=access.request.source,
            now=state.now(),
            today=state.today(),
            knowledge=knowledge,
        )

    return await access.write_as(work)


@router.post("/{report_id}/decision", responses=problems(401, 403, 404, 409))
async def decide(
    patient_id: PatientId,
    report_id: RowNumber,
    data: SeenDecision,
    access: SeenConfirmAccess,
    knowledge: KnowledgeDep,
) -> SeenReportRead:
    """A clinician in the team confirms (the usual plan returns) or declines, with a reason.
    409 when a red flag still fires or something newer was recorded."""

    def work(session: Session, actor: Actor) -> SeenReportRead:
        state = access.state
        return service.decide_seen(
            session,
            patient_id=patient_id,
            report_id=report_id,
            data=data,
            by=actor,
            source=access.request.source,
            now=state.now(),
            today=state.today(),
            knowledge=knowledge,
        )

    return await access.write_as(work)

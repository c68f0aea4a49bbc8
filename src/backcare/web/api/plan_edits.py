"""Shared plan editing: a clinician's edit as a new version, and the change history."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from backcare.access.policy import Actor
from backcare.assessments.schemas import PlanVersionRead
from backcare.plan_edits import service
from backcare.plan_edits.schemas import PlanEditCreate, PlanEditRead
from backcare.plan_edits.service import StalePlanError
from backcare.web.api.paths import API_V1
from backcare.web.api.responses import Problem, problems
from backcare.web.deps import KnowledgeDep, PatientId, PlanEditAccess, PlanReadAccess, TodayDep

router = APIRouter(prefix=f"{API_V1}/patients/{{patient_id}}/plan", tags=["plans"])


class StalePlan(Problem):
    """The edit was based on an older version: the current one, to edit again on top of."""

    current: PlanVersionRead


@router.post(
    "/edits",
    status_code=201,
    response_model=PlanEditRead,
    responses={
        **problems(401, 403, 404),
        409: {"model": StalePlan, "description": "The plan changed since the version edited."},
    },
)
async def edit_plan(
    patient_id: PatientId,
    data: PlanEditCreate,
    access: PlanEditAccess,
    knowledge: KnowledgeDep,
    today: TodayDep,
) -> PlanEditRead | JSONResponse:
    """A clinician in the person's care changes the plan, giving a reason; the edit becomes the
    next version. Every edit is checked by the safety rules: a contraindicated item or a
    referral removed answers 422 naming the rule unless an override with a reason is given;
    nothing may turn a safety plan into an exercise plan. An edit based on an older version
    than the current one answers 409 with the current version."""

    def work(session: Session, actor: Actor) -> PlanEditRead:
        return service.edit_plan(
            session,
            patient_id=patient_id,
            data=data,
            actor=actor,
            knowledge=knowledge,
            today=today,
            source=access.request.source,
            now=access.state.now(),
        )

    try:
        return await access.write_as(work)
    except StalePlanError as stale:
        body = StalePlan(detail=str(stale), current=stale.current)
        return JSONResponse(body.model_dump(mode="json"), status_code=409)


@router.get("/edits", responses=problems(401, 404))
async def plan_edits(patient_id: PatientId, access: PlanReadAccess) -> list[PlanEditRead]:
    """The change history, newest first: what each clinician changed, in what role and why,
    and every safety rule they overrode with their reason."""

    def work(session: Session) -> list[PlanEditRead]:
        return service.history(session, patient_id=patient_id)

    return await access.read(work)

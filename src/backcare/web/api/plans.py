"""Plans: the current version, the list of versions, and any one version."""

from __future__ import annotations

from functools import partial
from typing import Annotated

from fastapi import APIRouter, Path, Response

from backcare.assessments import service
from backcare.assessments.schemas import PlanVersionRead
from backcare.web.api.paths import API_V1
from backcare.web.api.responses import problems
from backcare.web.deps import PatientId, PlanReadAccess
from backcare.web.queries import current_plan_json, plan_summaries
from backcare.web.schemas import PlanVersionSummary

router = APIRouter(prefix=f"{API_V1}/patients/{{patient_id}}/plan", tags=["plans"])
VersionNumber = Annotated[int, Path(ge=1, le=1_000_000, description="Plan version, from 1.")]


# The body is built from the stored JSON (see current_plan_json); response_model documents it.
@router.get("", response_model=PlanVersionRead, responses=problems(401, 404))
async def current_plan(patient_id: PatientId, access: PlanReadAccess) -> Response:
    """The plan to follow now (the latest version)."""
    body = await access.read(partial(current_plan_json, patient_id=patient_id))
    return Response(body, media_type="application/json")


@router.get("/versions", responses=problems(401, 404))
async def plan_versions(patient_id: PatientId, access: PlanReadAccess) -> list[PlanVersionSummary]:
    """Every version, oldest first: when it was made, by whom and why."""
    return await access.read(partial(plan_summaries, patient_id=patient_id))


@router.get("/versions/{version}", responses=problems(401, 404))
async def plan_version(
    patient_id: PatientId, version: VersionNumber, access: PlanReadAccess
) -> PlanVersionRead:
    """One version, as it was when made."""
    work = partial(service.get_plan_version, patient_id=patient_id, version=version)
    return await access.read(work)

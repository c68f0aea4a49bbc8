"""Alerts and their workflow: the person and the team see each alert's state; a clinician in
the team acknowledges it, then resolves it."""

from __future__ import annotations

from functools import partial

from fastapi import APIRouter

from backcare.alerts import workflow
from backcare.alerts.schemas import Acknowledge, AlertState, Resolve
from backcare.web.api.paths import API_V1
from backcare.web.api.responses import problems
from backcare.web.deps import AlertHandleAccess, PatientId, PlanReadAccess, RowNumber

router = APIRouter(prefix=f"{API_V1}/patients/{{patient_id}}/alerts", tags=["alerts"])


@router.get("", responses=problems(401, 404))
async def list_alerts(patient_id: PatientId, access: PlanReadAccess) -> list[AlertState]:
    """Every alert and where it stands: open first, then acknowledged, then resolved."""
    return await access.read(partial(workflow.alerts_of, patient_id=patient_id))


@router.post("/{alert_id}/acknowledge", responses=problems(401, 403, 404, 409))
async def acknowledge(
    patient_id: PatientId, alert_id: RowNumber, data: Acknowledge, access: AlertHandleAccess
) -> AlertState:
    """A clinician in the team has seen it (open → acknowledged; else 409)."""
    return await access.act(
        workflow.acknowledge, patient_id=patient_id, alert_id=alert_id, data=data
    )


@router.post("/{alert_id}/resolve", responses=problems(401, 403, 404, 409))
async def resolve(
    patient_id: PatientId, alert_id: RowNumber, data: Resolve, access: AlertHandleAccess
) -> AlertState:
    """A clinician in the team has dealt with it (acknowledged → resolved; else 409)."""
    return await access.act(workflow.resolve, patient_id=patient_id, alert_id=alert_id, data=data)

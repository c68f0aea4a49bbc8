"""The alerts page: each alert's state for the person; acknowledge and resolve for the team."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from backcare.access.policy import Action, Actor, Kind
from backcare.alerts import workflow
from backcare.alerts.schemas import Acknowledge, Resolve
from backcare.web.auth.guard import page_guard
from backcare.web.deps import PatientId, ReadSessionDep, RowNumber, SessionDep
from backcare.web.pages.common import FormDep, PlanReader, first, patient_or_404, render
from backcare.web.pages.team_forms import FormRefusedError, form_post

router = APIRouter()
AlertHandler = Annotated[Actor, Depends(page_guard(Action.ALERT_HANDLE))]


def _context(session: Session, patient_id: str, actor: Actor, message: str = "") -> dict[str, Any]:
    return {
        "patient": patient_or_404(session, patient_id),
        "nav": "alerts",
        "alerts": workflow.alerts_of(session, patient_id=patient_id),
        "is_person": actor.kind is Kind.PERSON,
        "message": message,
    }


@router.get("/patients/{patient_id}/alerts")
def alerts_page(
    request: Request, patient_id: PatientId, actor: PlanReader, session: ReadSessionDep
) -> Response:
    """Every alert and where it stands."""
    return render(request, "alerts.html", _context(session, patient_id, actor))


@router.post("/patients/{patient_id}/alerts/{alert_id}/acknowledge")
def acknowledge(
    request: Request,
    patient_id: PatientId,
    alert_id: RowNumber,
    actor: AlertHandler,
    form: FormDep,
    session: SessionDep,
) -> Response:
    """A clinician in the team has seen the alert."""
    note = partial(Acknowledge.model_validate, {"note": first(form, "note")})
    return _step(request, session, actor, workflow.acknowledge, patient_id, alert_id, note)


@router.post("/patients/{patient_id}/alerts/{alert_id}/resolve")
def resolve(
    request: Request,
    patient_id: PatientId,
    alert_id: RowNumber,
    actor: AlertHandler,
    form: FormDep,
    session: SessionDep,
) -> Response:
    """A clinician in the team has dealt with the alert, saying how."""
    reason = partial(Resolve.model_validate, {"reason": first(form, "reason")})
    return _step(request, session, actor, workflow.resolve, patient_id, alert_id, reason)


def _step(
    request: Request,
    session: Session,
    actor: Actor,
    use_case: Callable[..., object],
    patient_id: str,
    alert_id: int,
    data: Callable[[], BaseModel],
) -> Response:
    """One step of an alert's workflow for ``actor`` (``data`` read inside the savepoint, so a
    refused form value is shown on the page), then back to the alerts."""
    return form_post(
        request,
        session,
        actor,
        use_case,
        lambda: {"patient_id": patient_id, "alert_id": alert_id, "data": data()},
        done=f"/patients/{patient_id}/alerts",
        refused=partial(_refused, request, session, patient_id, actor),
    )


def _refused(
    request: Request, session: Session, patient_id: str, actor: Actor, refused: FormRefusedError
) -> Response:
    response = render(request, "alerts.html", _context(session, patient_id, actor, refused.message))
    response.status_code = refused.status
    return response

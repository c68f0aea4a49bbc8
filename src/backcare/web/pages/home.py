"""The start page: the signed-in person's own way in, and nothing about anyone else."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from backcare.access.break_glass import openings_of
from backcare.access.policy import Action, Actor, Kind
from backcare.access.records import list_records
from backcare.assessments.service import current_plan
from backcare.patients.service import get_patient
from backcare.web.auth.guard import page_guard
from backcare.web.deps import ReadSessionDep
from backcare.web.pages.common import render
from backcare.web.state import web_state

router = APIRouter()
SHOWN = 200
Lister = Annotated[Actor, Depends(page_guard(Action.LIST))]


@router.get("/")
def home(request: Request, actor: Lister, session: ReadSessionDep) -> Response:
    """A person: their plan (or their first assessment); a clinician: the people in their care."""
    context: dict[str, Any] = {"actor": actor, "own": None, "records": [], "openings": []}
    if actor.kind is Kind.PERSON and actor.patient_id is not None:
        context.update(_own(session, actor.patient_id))
    elif actor.kind is Kind.CLINICIAN:
        now = web_state(request).now()
        context["records"] = list_records(session, actor=actor, now=now, limit=SHOWN)
    return render(request, "home.html", context)


def _own(session: Session, patient_id: str) -> dict[str, Any]:
    return {
        "own": get_patient(session, patient_id=patient_id),
        "has_plan": current_plan(session, patient_id=patient_id) is not None,
        "openings": openings_of(session, patient_id=patient_id),
    }

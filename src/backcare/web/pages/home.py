"""The start page: the signed-in person's own way in, and nothing about anyone else."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from backcare.access.policy import Action, Actor, Kind
from backcare.access.records import list_records
from backcare.web.auth.guard import page_guard
from backcare.web.deps import ReadSessionDep
from backcare.web.pages.common import render
from backcare.web.state import web_state

router = APIRouter()
SHOWN = 200
Lister = Annotated[Actor, Depends(page_guard(Action.LIST))]


@router.get("/")
def home(request: Request, actor: Lister, session: ReadSessionDep) -> Response:
    """A person: their today page; a clinician: the people in their care; an admin: accounts."""
    if actor.kind is Kind.PERSON and actor.patient_id is not None:
        return RedirectResponse(f"/patients/{actor.patient_id}/today", status_code=303)
    context: dict[str, Any] = {"actor": actor, "records": []}
    if actor.kind is Kind.CLINICIAN:
        now = web_state(request).now()
        context["records"] = list_records(session, actor=actor, now=now, limit=SHOWN)
    return render(request, "home.html", context)

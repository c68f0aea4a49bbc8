"""Who opened a person's record (shown to them), and an admin's break-glass form."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from backcare.access.break_glass import BreakGlassCreate, open_record, openings_of
from backcare.access.policy import Action, Actor
from backcare.audit.service import who_opened
from backcare.web.auth.credentials import client_address
from backcare.web.auth.guard import page_guard
from backcare.web.deps import PatientId, ReadSessionDep, SessionDep
from backcare.web.pages.common import FormDep, first, patient_or_404, render, see_other
from backcare.web.state import web_state

router = APIRouter()
Owner = Annotated[Actor, Depends(page_guard(Action.ACCESS_LOG))]
Breaker = Annotated[Actor, Depends(page_guard(Action.BREAK_GLASS))]


@router.get("/patients/{patient_id}/access")
def access_page(
    request: Request, patient_id: PatientId, actor: Owner, session: ReadSessionDep
) -> Response:
    """Who opened, changed or exported your record, and every break-glass on it."""
    context = {
        "patient": patient_or_404(session, patient_id),
        "nav": "access",
        "opened": who_opened(session, patient_id=patient_id),
        "openings": openings_of(session, patient_id=patient_id),
        "me": actor,
    }
    return render(request, "access.html", context)


@router.get("/patients/{patient_id}/break-glass")
def break_glass_page(request: Request, patient_id: PatientId, _actor: Breaker) -> Response:
    """The form an admin fills to open a record in an emergency."""
    return render(request, "break_glass.html", {"patient_id": patient_id, "message": ""})


@router.post("/patients/{patient_id}/break-glass")
def break_glass(
    request: Request, patient_id: PatientId, actor: Breaker, form: FormDep, session: SessionDep
) -> Response:
    """Open the record for a short time, for the reason given; logged and shown to the person."""
    state = web_state(request)
    reason = first(form, "reason").strip()
    if not 10 <= len(reason) <= 500:
        message = "Say why the record must be opened now (10 to 500 characters)."
        context = {"patient_id": patient_id, "message": message}
        response = render(request, "break_glass.html", context)
        response.status_code = 422
        return response
    open_record(
        session,
        admin=actor,
        patient_id=patient_id,
        data=BreakGlassCreate(reason=reason),
        source=client_address(request),
        now=state.now(),
        minutes=state.settings.break_glass_minutes,
    )
    return see_other(request, f"/patients/{patient_id}/plan")

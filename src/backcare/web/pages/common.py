"""Helpers every page router shares: reading forms, rendering, redirecting after a POST."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from backcare.access.policy import Action, Actor
from backcare.patients.schemas import PatientRead
from backcare.patients.service import get_patient
from backcare.web.auth.guard import page_guard
from backcare.web.state import web_state

Form = dict[str, list[str]]


async def form_lists(request: Request) -> Form:
    """Every posted field as a list of values (checkbox groups post several)."""
    form = await request.form()
    return {key: [str(v) for v in form.getlist(key)] for key in form}


FormDep = Annotated[Form, Depends(form_lists)]
# The declared action of a page about a record (web.auth.guard): read it, or change it.
Reader = Annotated[Actor, Depends(page_guard(Action.READ))]
Writer = Annotated[Actor, Depends(page_guard(Action.WRITE))]
# The plan and progress: also open to a clinician the person shares only those with.
PlanReader = Annotated[Actor, Depends(page_guard(Action.PLAN_READ))]


def first(form: Form, name: str, default: str = "") -> str:
    """The first value posted for ``name``."""
    values = form.get(name) or [default]
    return values[0]


def render(request: Request, name: str, context: dict[str, Any]) -> Response:
    """A page from a template; ``context`` is what page tests assert on."""
    return web_state(request).templates.TemplateResponse(request, name, context)


def see_other(request: Request, url: str) -> Response:
    """Go to ``url`` after a POST; htmx requests are told to navigate there instead."""
    if request.headers.get("HX-Request"):
        return Response(status_code=200, headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)


def patient_or_404(session: Session, patient_id: str) -> PatientRead:
    """The patient (NotFoundError, shown as a 404 page, when there is none)."""
    return get_patient(session, patient_id=patient_id)

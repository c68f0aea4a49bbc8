"""The admins' clinics page: create a clinic, add clinicians to it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from backcare.access.policy import Action, Actor
from backcare.team import clinics
from backcare.team.schemas import ClinicCreate
from backcare.web.auth.credentials import client_address
from backcare.web.auth.guard import page_guard
from backcare.web.deps import ReadSessionDep, SessionDep
from backcare.web.pages.common import FormDep, first, render, see_other
from backcare.web.pages.team_forms import FormRefusedError, attempt
from backcare.web.state import web_state

router = APIRouter()
ClinicAdmin = Annotated[Actor, Depends(page_guard(Action.MANAGE_CLINICS))]


def _page(request: Request, session: Session, message: str = "", status: int = 200) -> Response:
    context = {"clinics": clinics.list_clinics(session), "message": message}
    response = render(request, "clinics.html", context)
    response.status_code = status
    return response


@router.get("/admin/clinics")
def clinics_page(request: Request, _actor: ClinicAdmin, session: ReadSessionDep) -> Response:
    """Every clinic and its clinicians."""
    return _page(request, session)


@router.post("/admin/clinics")
def create(request: Request, actor: ClinicAdmin, form: FormDep, session: SessionDep) -> Response:
    """A new clinic."""
    now = web_state(request).now()
    try:
        attempt(
            session,
            lambda: clinics.create_clinic(
                session,
                data=ClinicCreate.model_validate({"name": first(form, "name")}),
                by=actor,
                source=client_address(request),
                now=now,
            ),
        )
    except FormRefusedError as refused:
        return _page(request, session, refused.message, refused.status)
    return see_other(request, "/admin/clinics")


@router.post("/admin/clinics/members")
def add_member(
    request: Request, actor: ClinicAdmin, form: FormDep, session: SessionDep
) -> Response:
    """Add a clinician to a clinic."""
    now = web_state(request).now()
    try:
        attempt(
            session,
            lambda: clinics.add_clinician(
                session,
                clinic=first(form, "clinic")[:120],
                clinician=first(form, "clinician")[:64],
                by=actor,
                source=client_address(request),
                now=now,
            ),
        )
    except FormRefusedError as refused:
        return _page(request, session, refused.message, refused.status)
    return see_other(request, "/admin/clinics")

"""The appointments page: proposals to answer, booked and past appointments, each accepted one
as an .ics file; a clinician in the team proposes times in the person's time zone. The upcoming
appointments are also shown on the team page (htmx)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from backcare.access.policy import Action, Actor, Kind
from backcare.appointments import service
from backcare.appointments.schemas import (
    AppointmentAccept,
    AppointmentCancel,
    AppointmentDecline,
    AppointmentPropose,
)
from backcare.domain.appointment_flow import MAX_TIMES
from backcare.errors import ConflictError, ForbiddenError, InvalidInputError
from backcare.plan_edits.service import profession_words
from backcare.referrals import service as referrals
from backcare.web.auth.credentials import client_address
from backcare.web.auth.guard import page_guard
from backcare.web.deps import PatientId, ReadSessionDep, RowNumber, SessionDep
from backcare.web.pages.common import FormDep, first, patient_or_404, render, see_other
from backcare.web.plan_edit_form import problems_of
from backcare.web.state import web_state

router = APIRouter()
AppointmentReader = Annotated[Actor, Depends(page_guard(Action.APPOINTMENT_READ))]
AppointmentProposer = Annotated[Actor, Depends(page_guard(Action.APPOINTMENT_PROPOSE))]
AppointmentAnswerer = Annotated[Actor, Depends(page_guard(Action.APPOINTMENT_ANSWER))]
AppointmentCanceller = Annotated[Actor, Depends(page_guard(Action.APPOINTMENT_CANCEL))]
FORM_TIMES = 3
LENGTHS = (30, 45, 60, 90)


def _page(
    request: Request,
    session: Session,
    patient_id: str,
    actor: Actor,
    *,
    status: int = 200,
    **extra: Any,
) -> Response:
    accepted = [
        found
        for found in referrals.list_referrals(session, patient_id=patient_id, actor=actor)
        if found.status.value == "accepted"
    ]
    context = {
        "patient": patient_or_404(session, patient_id),
        "nav": "appointments",
        "appointments": service.list_appointments(session, patient_id=patient_id),
        "time_zone": service.time_zone_of(session, patient_id),
        "now": web_state(request).now(),
        "me": actor,
        "is_person": actor.kind is Kind.PERSON,
        "is_clinician": actor.kind is Kind.CLINICIAN,
        "accepted_referrals": accepted,
        "profession_words": profession_words,
        "form_times": range(1, FORM_TIMES + 1),
        "lengths": LENGTHS,
        "values": {},
        "problems": [],
        **extra,
    }
    response = render(request, "appointments.html", context)
    response.status_code = status
    return response


@router.get("/patients/{patient_id}/appointments")
def appointments_page(
    request: Request, patient_id: PatientId, actor: AppointmentReader, session: ReadSessionDep
) -> Response:
    """Every appointment, its times in the person's time zone."""
    return _page(request, session, patient_id, actor)


@router.get("/patients/{patient_id}/appointments/upcoming")
def upcoming(
    request: Request, patient_id: PatientId, _actor: AppointmentReader, session: ReadSessionDep
) -> Response:
    """Proposals to answer and appointments to come, as a fragment of the team page."""
    now = web_state(request).now()
    context = {
        "patient": patient_or_404(session, patient_id),
        "appointments": service.upcoming(session, patient_id=patient_id, now=now),
        "time_zone": service.time_zone_of(session, patient_id),
        "profession_words": profession_words,
    }
    return render(request, "appointments_upcoming.html", context)


def _attempt(
    request: Request,
    session: Session,
    patient_id: str,
    actor: Actor,
    model: type[BaseModel],
    values: dict[str, Any],
    run: Callable[[Any], object],
    shown: dict[str, Any] | None = None,
) -> Response:
    """Validate, run, and go back to the appointments; a problem re-renders the page with what
    was typed (``shown``, when the form's fields differ from the schema's)."""
    typed = values if shown is None else shown
    try:
        data = model.model_validate(values)
    except ValidationError as error:
        problems = problems_of(list(error.errors(include_url=False)))
        return _page(
            request, session, patient_id, actor, status=422, values=typed, problems=problems
        )
    try:
        run(data)
    except (ConflictError, InvalidInputError, ForbiddenError) as error:
        status = {ConflictError: 409, InvalidInputError: 422, ForbiddenError: 403}[type(error)]
        return _page(
            request, session, patient_id, actor, status=status, values=typed, problems=[str(error)]
        )
    return see_other(request, f"/patients/{patient_id}/appointments")


def _local_times(form: dict[str, list[str]], zone: str) -> list[dict[str, str]]:
    """The times typed in the person's time zone, as times with their UTC offset."""
    try:
        minutes = int(first(form, "minutes", "45"))
    except ValueError:
        minutes = 0
    tz = ZoneInfo(zone)
    times = []
    for number in range(1, MAX_TIMES + 1):
        typed = first(form, f"when_{number}").strip()
        if not typed:
            continue
        try:
            start = dt.datetime.fromisoformat(typed).replace(tzinfo=tz)
            end = start + dt.timedelta(minutes=minutes)
        except (ValueError, OverflowError):
            times.append({"starts_at": typed, "ends_at": typed})  # refused by the schema
            continue
        times.append({"starts_at": start.isoformat(), "ends_at": end.isoformat()})
    return times


@router.post("/patients/{patient_id}/appointments")
def propose(
    request: Request,
    patient_id: PatientId,
    actor: AppointmentProposer,
    form: FormDep,
    session: SessionDep,
) -> Response:
    """Offer one to three times (typed in the person's time zone), in person or by video."""
    zone = service.time_zone_of(session, patient_id)
    mode = first(form, "mode", "in_person")
    referral = first(form, "referral_id").strip()
    values = {
        "times": _local_times(form, zone),
        "mode": mode,
        "place": (first(form, "place").strip() or None) if mode == "in_person" else None,
        "video_url": (first(form, "video_url").strip() or None) if mode == "video" else None,
        "note": first(form, "note").strip() or None,
        "referral_id": int(referral) if referral.isdigit() else None,
    }
    now, source = web_state(request).now(), client_address(request)

    def run(data: AppointmentPropose) -> None:
        service.propose(
            session, patient_id=patient_id, data=data, actor=actor, source=source, now=now
        )

    shown = {**values, **{k: first(form, k) for k in ("when_1", "when_2", "when_3", "minutes")}}
    return _attempt(request, session, patient_id, actor, AppointmentPropose, values, run, shown)


@router.post("/patients/{patient_id}/appointments/{appointment_id}/accept")
def accept(
    request: Request,
    patient_id: PatientId,
    appointment_id: RowNumber,
    actor: AppointmentAnswerer,
    form: FormDep,
    session: SessionDep,
) -> Response:
    """The person chooses one of the times."""
    chosen = first(form, "time_id")
    values = {"time_id": int(chosen) if chosen.isdigit() else 0}
    now, source = web_state(request).now(), client_address(request)

    def run(data: AppointmentAccept) -> None:
        service.accept(
            session,
            patient_id=patient_id,
            appointment_id=appointment_id,
            data=data,
            actor=actor,
            source=source,
            now=now,
        )

    return _attempt(request, session, patient_id, actor, AppointmentAccept, values, run, {})


@router.post("/patients/{patient_id}/appointments/{appointment_id}/decline")
def decline(
    request: Request,
    patient_id: PatientId,
    appointment_id: RowNumber,
    actor: AppointmentAnswerer,
    form: FormDep,
    session: SessionDep,
) -> Response:
    """The person declines every time offered."""
    values = {"note": first(form, "note").strip() or None}
    now, source = web_state(request).now(), client_address(request)

    def run(data: AppointmentDecline) -> None:
        service.decline(
            session,
            patient_id=patient_id,
            appointment_id=appointment_id,
            data=data,
            actor=actor,
            source=source,
            now=now,
        )

    return _attempt(request, session, patient_id, actor, AppointmentDecline, values, run, {})


@router.post("/patients/{patient_id}/appointments/{appointment_id}/cancel")
def cancel(
    request: Request,
    patient_id: PatientId,
    appointment_id: RowNumber,
    actor: AppointmentCanceller,
    form: FormDep,
    session: SessionDep,
) -> Response:
    """Either side cancels."""
    values = {"reason": first(form, "reason").strip() or None}
    now, source = web_state(request).now(), client_address(request)

    def run(data: AppointmentCancel) -> None:
        service.cancel(
            session,
            patient_id=patient_id,
            appointment_id=appointment_id,
            data=data,
            actor=actor,
            source=source,
            now=now,
        )

    return _attempt(request, session, patient_id, actor, AppointmentCancel, values, run, {})

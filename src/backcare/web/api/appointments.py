"""Appointments: a clinician in the team proposes times, the person accepts one or declines,
either side cancels; each accepted appointment downloads as an iCalendar event."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response
from sqlalchemy.orm import Session

from backcare.access.policy import Actor
from backcare.appointments import service
from backcare.appointments.ics import MEDIA_TYPE
from backcare.appointments.schemas import (
    AppointmentAccept,
    AppointmentCancel,
    AppointmentDecline,
    AppointmentPropose,
    AppointmentRead,
)
from backcare.web.api.paths import API_V1
from backcare.web.api.responses import problems
from backcare.web.deps import (
    AppointmentAnswerAccess,
    AppointmentCancelAccess,
    AppointmentProposeAccess,
    AppointmentReadAccess,
    PatientId,
    RowNumber,
)

router = APIRouter(prefix=f"{API_V1}/patients/{{patient_id}}/appointments", tags=["appointments"])


@router.get("", responses=problems(401, 404))
async def list_appointments(
    patient_id: PatientId, access: AppointmentReadAccess
) -> list[AppointmentRead]:
    """Every appointment, newest first, with its times in UTC and in the person's time zone."""

    def work(session: Session, _actor: Actor) -> list[AppointmentRead]:
        return service.list_appointments(session, patient_id=patient_id)

    return await access.read_as(work)


@router.post("", status_code=201, responses=problems(401, 403, 404, 409))
async def propose(
    patient_id: PatientId, data: AppointmentPropose, access: AppointmentProposeAccess
) -> AppointmentRead:
    """A clinician in the team offers one to five times (each with its UTC offset), in person
    or by video (an https link); 409 naming the clash when one overlaps a time they hold."""
    now = access.state.now()

    def work(session: Session, actor: Actor) -> AppointmentRead:
        return service.propose(
            session,
            patient_id=patient_id,
            data=data,
            actor=actor,
            source=access.request.source,
            now=now,
        )

    return await access.write_as(work)


@router.get("/{appointment_id}", responses=problems(401, 404))
async def get_appointment(
    patient_id: PatientId, appointment_id: RowNumber, access: AppointmentReadAccess
) -> AppointmentRead:
    """One appointment."""

    def work(session: Session, _actor: Actor) -> AppointmentRead:
        return service.get_appointment(
            session, patient_id=patient_id, appointment_id=appointment_id
        )

    return await access.read_as(work)


@router.get(
    "/{appointment_id}/calendar.ics",
    responses={
        **problems(401, 404, 409),
        200: {"content": {"text/calendar": {}}, "description": "One VEVENT."},
    },
)
async def download(
    patient_id: PatientId, appointment_id: RowNumber, access: AppointmentReadAccess
) -> Response:
    """The accepted (or since cancelled) appointment as an iCalendar file with a stable UID."""
    now = access.state.now()

    def work(session: Session, _actor: Actor) -> bytes:
        return service.download(
            session, patient_id=patient_id, appointment_id=appointment_id, now=now
        )

    body = await access.read_as(work)
    headers = {
        "content-disposition": f'attachment; filename="backcare-appointment-{appointment_id}.ics"'
    }
    return Response(body, media_type=MEDIA_TYPE, headers=headers)


@router.post("/{appointment_id}/accept", responses=problems(401, 403, 404, 409))
async def accept(
    patient_id: PatientId,
    appointment_id: RowNumber,
    data: AppointmentAccept,
    access: AppointmentAnswerAccess,
) -> AppointmentRead:
    """The person chooses one of the proposed times."""
    now = access.state.now()

    def work(session: Session, actor: Actor) -> AppointmentRead:
        return service.accept(
            session,
            patient_id=patient_id,
            appointment_id=appointment_id,
            data=data,
            actor=actor,
            source=access.request.source,
            now=now,
        )

    return await access.write_as(work)


@router.post("/{appointment_id}/decline", responses=problems(401, 403, 404, 409))
async def decline(
    patient_id: PatientId,
    appointment_id: RowNumber,
    data: AppointmentDecline,
    access: AppointmentAnswerAccess,
) -> AppointmentRead:
    """The person declines every proposed time."""
    now = access.state.now()

    def work(session: Session, actor: Actor) -> AppointmentRead:
        return service.decline(
            session,
            patient_id=patient_id,
            appointment_id=appointment_id,
            data=data,
            actor=actor,
            source=access.request.source,
            now=now,
        )

    return await access.write_as(work)


@router.post("/{appointment_id}/cancel", responses=problems(401, 403, 404, 409))
async def cancel(
    patient_id: PatientId,
    appointment_id: RowNumber,
    data: AppointmentCancel,
    access: AppointmentCancelAccess,
) -> AppointmentRead:
    """The person, or the clinician whose appointment it is, cancels it."""
    now = access.state.now()

    def work(session: Session, actor: Actor) -> AppointmentRead:
        return service.cancel(
            session,
            patient_id=patient_id,
            appointment_id=appointment_id,
            data=data,
            actor=actor,
            source=access.request.source,
            now=now,
        )

    return await access.write_as(work)

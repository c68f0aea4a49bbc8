"""Appointment use cases: propose, accept, decline, cancel, read, and download as iCalendar.

Times are checked before anything is written (SAFETY.md H-184): a time zone offset, a year
from 2000, an end after the start, at most 8 hours, not in the past, within two years. A
clinician's times may not overlap any time they hold already, proposed or accepted (409 naming
the clash); the check runs in the write transaction with the clinician's account row locked, so
two workers cannot both book the same hour (SAFETY.md H-185). Accepting, declining and
cancelling follow the pure table in backcare.domain.appointment_flow (anything else is 409).
"""

from __future__ import annotations

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

from icalendar import Event
from sqlalchemy.orm import Session

from backcare.access import trail
from backcare.access.policy import Actor, Kind
from backcare.accounts.repository import account_by_id
from backcare.appointments import ics, repository
from backcare.appointments.models import Appointment, AppointmentTime
from backcare.appointments.schemas import (
    AppointmentAccept,
    AppointmentCancel,
    AppointmentDecline,
    AppointmentPropose,
    AppointmentRead,
    TimeRead,
)
from backcare.audit.schemas import AuditAction
from backcare.domain.appointment_flow import (
    AppointmentStatus,
    AppointmentStep,
    Mode,
    Slot,
    after,
    clash_within,
    slot_problem,
)
from backcare.domain.referral_flow import ReferralStatus, ReferralStep
from backcare.errors import ConflictError, ForbiddenError, InvalidInputError, NotFoundError
from backcare.patients.service import require_patient
from backcare.referrals import repository as referrals
from backcare.referrals.schemas import StepTaken
from backcare.referrals.service import take_step
from backcare.reminders.schemas import known_time_zones

UTC_ZONE = "UTC"
NO_APPOINTMENT = "This record has no appointment {id}."


def propose(
    session: Session,
    *,
    patient_id: str,
    data: AppointmentPropose,
    actor: Actor,
    source: str,
    now: dt.datetime,
) -> AppointmentRead:
    """A clinician in the team offers one or more times (409 when one clashes with theirs)."""
    require_patient(session, patient_id=patient_id)
    assert actor.account_id is not None  # the policy lets only a clinician's account propose
    slots = _slots(data, now)
    if data.referral_id is not None:
        _bookable_referral(session, patient_id, data.referral_id)
    repository.lock_clinician(session, actor.account_id)
    for number, slot in enumerate(slots, start=1):
        found = repository.clashes(session, actor.account_id, slot.starts_at, slot.ends_at)
        if found is not None:
            held, other = found
            raise ConflictError(
                f"times.{number}: it clashes with your {other.status} appointment {other.id} "
                f"from {_utc(held.starts_at)} to {_utc(held.ends_at)}."
            )
    account = account_by_id(session, actor.account_id)
    row = Appointment(
        uid=uuid.uuid4().hex,
        patient_id=patient_id,
        clinician_id=actor.account_id,
        clinician_name=actor.name,
        profession=None if account is None else account.profession,
        referral_id=data.referral_id,
        status=AppointmentStatus.PROPOSED.value,
        mode=data.mode.value,
        place=data.place,
        video_url=data.video_url if data.mode is Mode.VIDEO else None,
        note=data.note,
        sequence=0,
        created_at=now,
        updated_at=now,
    )
    repository.add(session, row)
    for slot in slots:
        session.add(
            AppointmentTime(
                appointment_id=row.id,
                patient_id=patient_id,
                clinician_id=actor.account_id,
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                chosen=False,
            )
        )
    session.flush()
    _log(session, actor, row, source, now, f"proposed ({len(slots)} times)")
    return _read(session, row)


def accept(
    session: Session,
    *,
    patient_id: str,
    appointment_id: int,
    data: AppointmentAccept,
    actor: Actor,
    source: str,
    now: dt.datetime,
) -> AppointmentRead:
    """The person chooses one of the proposed times; an accepted referral it books is booked."""
    row = _step(session, patient_id, appointment_id, AppointmentStep.ACCEPT)
    times = repository.times_of(session, [row.id])[row.id]
    chosen = next((time for time in times if time.id == data.time_id), None)
    if chosen is None:
        raise InvalidInputError(f"time_id: appointment {row.id} offers no time {data.time_id}.")
    if chosen.starts_at <= now:
        raise ConflictError("time_id: that time has passed; ask for another one.")
    chosen.chosen = True
    _changed(row, AppointmentStatus.ACCEPTED, now)
    row.answered_by = actor.name
    session.flush()
    if row.referral_id is not None:
        _book_referral(session, row, actor, source, now)
    _log(session, actor, row, source, now, f"accepted time {chosen.id}")
    return _read(session, row)


def decline(
    session: Session,
    *,
    patient_id: str,
    appointment_id: int,
    data: AppointmentDecline,
    actor: Actor,
    source: str,
    now: dt.datetime,
) -> AppointmentRead:
    """The person declines every proposed time."""
    row = _step(session, patient_id, appointment_id, AppointmentStep.DECLINE)
    _changed(row, AppointmentStatus.DECLINED, now)
    row.answered_by = actor.name
    row.cancel_reason = data.note
    session.flush()
    _log(session, actor, row, source, now, "declined")
    return _read(session, row)


def cancel(
    session: Session,
    *,
    patient_id: str,
    appointment_id: int,
    data: AppointmentCancel,
    actor: Actor,
    source: str,
    now: dt.datetime,
) -> AppointmentRead:
    """The person, or the clinician whose appointment it is, cancels it."""
    row = _step(session, patient_id, appointment_id, AppointmentStep.CANCEL)
    if actor.kind is Kind.CLINICIAN and row.clinician_id != actor.account_id:
        raise ForbiddenError(
            f"Only {row.clinician_name}, whose appointment it is, or the person may cancel it."
        )
    _changed(row, AppointmentStatus.CANCELLED, now)
    row.cancelled_by, row.cancel_reason = actor.name, data.reason
    session.flush()
    _log(session, actor, row, source, now, "cancelled")
    return _read(session, row)


def list_appointments(session: Session, *, patient_id: str) -> list[AppointmentRead]:
    """The record's appointments, newest first, with their times in the person's time zone."""
    require_patient(session, patient_id=patient_id)
    rows = list(repository.appointments_of(session, patient_id))
    times = repository.times_of(session, [row.id for row in rows])
    zone = time_zone_of(session, patient_id)
    return [_as_read(row, times[row.id], zone) for row in rows]


def get_appointment(session: Session, *, patient_id: str, appointment_id: int) -> AppointmentRead:
    """One appointment."""
    return _read(session, _appointment(session, patient_id, appointment_id))


def upcoming(session: Session, *, patient_id: str, now: dt.datetime) -> list[AppointmentRead]:
    """Appointments still to come: proposals to answer and accepted times not yet over."""
    found = [
        read
        for read in list_appointments(session, patient_id=patient_id)
        if any(_still_held(read.status, time.chosen) and time.ends_at > now for time in read.times)
    ]
    return sorted(found, key=lambda read: min(t.starts_at for t in read.times))


def download(session: Session, *, patient_id: str, appointment_id: int, now: dt.datetime) -> bytes:
    """The appointment as an .ics file: accepted (CONFIRMED) or cancelled after acceptance."""
    row = _appointment(session, patient_id, appointment_id)
    chosen = next((t for t in repository.times_of(session, [row.id])[row.id] if t.chosen), None)
    if chosen is None:
        raise ConflictError(
            f"Appointment {row.id} is {row.status} and has no time chosen: there is nothing to "
            "put in a calendar yet."
        )
    zone = time_zone_of(session, patient_id)
    event = ics.event(_booked(row, chosen), zone=zone, stamp=now, detail=True)
    return ics.calendar([event], zone=zone)


def feed_events(session: Session, *, patient_id: str, now: dt.datetime, zone: str) -> list[Event]:
    """The person's appointments for their calendar feed, without detail: accepted ones still
    to come, and cancelled ones (so the calendar app removes them)."""
    return [
        ics.event(_booked(row, time), zone=zone, stamp=now, detail=False)
        for time, row in repository.chosen_times_from(session, patient_id, now)
    ]


def time_zone_of(session: Session, patient_id: str) -> str:
    """The person's time zone (from their calendar feed), else UTC."""
    zone = repository.time_zone_of(session, patient_id)
    return zone if zone in known_time_zones() else UTC_ZONE


def _slots(data: AppointmentPropose, now: dt.datetime) -> list[Slot]:
    given = [Slot(time.starts_at, time.ends_at) for time in data.times]
    for number, slot in enumerate(given, start=1):
        problem = slot_problem(slot, now=now)
        if problem is not None:
            raise InvalidInputError(f"times.{number}.{problem}")
    slots = [Slot(s.starts_at.astimezone(dt.UTC), s.ends_at.astimezone(dt.UTC)) for s in given]
    pair = clash_within(slots)
    if pair is not None:
        raise InvalidInputError(f"times: times {pair[0]} and {pair[1]} overlap each other.")
    return slots


def _bookable_referral(session: Session, patient_id: str, referral_id: int) -> None:
    found = referrals.referral(session, patient_id, referral_id)
    if found is None:
        raise InvalidInputError(f"referral_id: this record has no referral {referral_id}.")
    if found.status != ReferralStatus.ACCEPTED.value:
        raise ConflictError(
            f"referral_id: referral {referral_id} is {found.status}; an appointment books an "
            "accepted referral."
        )


def _book_referral(
    session: Session, row: Appointment, actor: Actor, source: str, now: dt.datetime
) -> None:
    """Accepting the appointment books the accepted referral it was proposed for."""
    assert row.referral_id is not None
    found = referrals.referral(session, row.patient_id, row.referral_id)
    if found is None or found.status != ReferralStatus.ACCEPTED.value:
        return  # declined, withdrawn or booked another way meanwhile: nothing to move
    note = f"Appointment {row.id} accepted"
    take_step(
        session,
        patient_id=row.patient_id,
        referral_id=row.referral_id,
        data=StepTaken(step=ReferralStep.BOOK, note=note),
        actor=actor,
        source=source,
        now=now,
    )


def _still_held(status: AppointmentStatus, chosen: bool) -> bool:
    """Whether a time still stands: any offered time of a proposal, the chosen one once
    accepted."""
    return status is AppointmentStatus.PROPOSED or (status is AppointmentStatus.ACCEPTED and chosen)


def _step(
    session: Session, patient_id: str, appointment_id: int, step: AppointmentStep
) -> Appointment:
    row = _appointment(session, patient_id, appointment_id, lock=True)
    status = AppointmentStatus(row.status)
    if after(status, step) is None:
        raise ConflictError(
            f"This appointment is {status.value}, so it cannot be {_past(step)} now."
        )
    return row


def _changed(row: Appointment, status: AppointmentStatus, now: dt.datetime) -> None:
    row.status = status.value
    row.sequence += 1
    row.updated_at = now


def _appointment(
    session: Session, patient_id: str, appointment_id: int, *, lock: bool = False
) -> Appointment:
    row = repository.appointment(session, patient_id, appointment_id, lock=lock)
    if row is None:
        raise NotFoundError(NO_APPOINTMENT.format(id=appointment_id))
    return row


def _read(session: Session, row: Appointment) -> AppointmentRead:
    times = repository.times_of(session, [row.id])[row.id]
    return _as_read(row, times, time_zone_of(session, row.patient_id))


def _as_read(row: Appointment, times: list[AppointmentTime], zone: str) -> AppointmentRead:
    tz = dt.UTC if zone == UTC_ZONE else ZoneInfo(zone)
    return AppointmentRead(
        id=row.id,
        uid=f"{row.uid}@backcare",
        status=AppointmentStatus(row.status),
        clinician=row.clinician_name,
        profession=row.profession,
        mode=Mode(row.mode),
        place=row.place,
        video_url=row.video_url,
        note=row.note,
        referral_id=row.referral_id,
        sequence=row.sequence,
        time_zone=zone,
        times=[
            TimeRead(
                id=time.id,
                starts_at=time.starts_at,
                ends_at=time.ends_at,
                local_starts_at=time.starts_at.astimezone(tz),
                local_ends_at=time.ends_at.astimezone(tz),
                chosen=time.chosen,
            )
            for time in times
        ],
        answered_by=row.answered_by,
        cancelled_by=row.cancelled_by,
        cancel_reason=row.cancel_reason,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _booked(row: Appointment, time: AppointmentTime) -> ics.Booked:
    return ics.Booked(
        uid=row.uid,
        sequence=row.sequence,
        status=AppointmentStatus(row.status),
        starts_at=time.starts_at,
        ends_at=time.ends_at,
        created_at=row.created_at,
        updated_at=row.updated_at,
        clinician=row.clinician_name,
        profession=row.profession,
        mode=Mode(row.mode),
        place=row.place,
        video_url=row.video_url,
    )


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def _past(step: AppointmentStep) -> str:
    return {
        AppointmentStep.ACCEPT: "accepted",
        AppointmentStep.DECLINE: "declined",
        AppointmentStep.CANCEL: "cancelled",
    }[step]


def _log(
    session: Session, actor: Actor, row: Appointment, source: str, now: dt.datetime, what: str
) -> None:
    trail.write(
        session,
        actor=actor,
        action=AuditAction.appointment_write,
        patient_id=row.patient_id,
        source=source,
        now=now,
        detail=f"appointment {row.id} {what}",
    )

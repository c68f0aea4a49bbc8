"""All SQL of appointments: proposals and times, the clash check, the person's time zone."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import Row, and_, or_, select
from sqlalchemy.orm import Session

from backcare.accounts.models import Account
from backcare.appointments.models import Appointment, AppointmentTime
from backcare.domain.appointment_flow import AppointmentStatus
from backcare.reminders.models import CalendarFeed


def add(session: Session, row: Appointment | AppointmentTime) -> None:
    """Insert a row and give it its id."""
    session.add(row)
    session.flush()


def lock_clinician(session: Session, clinician_id: str) -> None:
    """Hold the clinician's account row until the transaction ends, so two proposals for the
    same clinician are checked for clashes one after the other (SAFETY.md H-185). SQLite takes
    its one write lock at BEGIN IMMEDIATE already; PostgreSQL needs the row lock."""
    session.execute(select(Account.id).where(Account.id == clinician_id).with_for_update())


def clashes(
    session: Session, clinician_id: str, starts_at: dt.datetime, ends_at: dt.datetime
) -> Row[AppointmentTime, Appointment] | None:
    """The clinician's first time overlapping [starts_at, ends_at) that is still held: every
    time of a proposal not yet answered, and the chosen time of an accepted appointment."""
    held = or_(
        Appointment.status == AppointmentStatus.PROPOSED.value,
        and_(Appointment.status == AppointmentStatus.ACCEPTED.value, AppointmentTime.chosen),
    )
    query = (
        select(AppointmentTime, Appointment)
        .join(Appointment, Appointment.id == AppointmentTime.appointment_id)
        .where(
            AppointmentTime.clinician_id == clinician_id,
            AppointmentTime.starts_at < ends_at,
            AppointmentTime.ends_at > starts_at,
            held,
        )
        .order_by(AppointmentTime.starts_at)
        .limit(1)
    )
    return session.execute(query).first()


def appointment(
    session: Session, patient_id: str, appointment_id: int, *, lock: bool = False
) -> Appointment | None:
    """One appointment of a record (locked: two answers at once are taken one after another)."""
    query = select(Appointment).where(
        Appointment.patient_id == patient_id, Appointment.id == appointment_id
    )
    return session.scalars(query.with_for_update() if lock else query).first()


def appointments_of(session: Session, patient_id: str) -> Sequence[Appointment]:
    """A record's appointments, newest first."""
    query = (
        select(Appointment)
        .where(Appointment.patient_id == patient_id)
        .order_by(Appointment.created_at.desc(), Appointment.id.desc())
    )
    return session.scalars(query).all()


def times_of(session: Session, appointment_ids: list[int]) -> dict[int, list[AppointmentTime]]:
    """The times of each appointment, earliest first, in one query."""
    found: dict[int, list[AppointmentTime]] = defaultdict(list)
    if not appointment_ids:
        return found
    query = (
        select(AppointmentTime)
        .where(AppointmentTime.appointment_id.in_(appointment_ids))
        .order_by(AppointmentTime.starts_at, AppointmentTime.id)
    )
    for row in session.scalars(query):
        found[row.appointment_id].append(row)
    return found


def time_zone_of(session: Session, patient_id: str) -> str | None:
    """The time zone of the person's newest live calendar feed: the one the app knows."""
    query = (
        select(CalendarFeed.time_zone)
        .join(Account, Account.id == CalendarFeed.account_id)
        .where(Account.patient_id == patient_id, CalendarFeed.revoked_at.is_(None))
        .order_by(CalendarFeed.created_at.desc())
        .limit(1)
    )
    return session.scalars(query).first()


def chosen_times_from(
    session: Session, patient_id: str, since: dt.datetime
) -> Sequence[Row[AppointmentTime, Appointment]]:
    """The chosen time of each accepted or cancelled appointment ending after ``since``."""
    query = (
        select(AppointmentTime, Appointment)
        .join(Appointment, Appointment.id == AppointmentTime.appointment_id)
        .where(
            AppointmentTime.patient_id == patient_id,
            AppointmentTime.chosen,
            AppointmentTime.ends_at > since,
        )
        .order_by(AppointmentTime.starts_at)
    )
    return session.execute(query).all()

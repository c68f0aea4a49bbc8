"""All SQL of the case review: meetings, who may attend them, the agenda's figures, decisions.

The agenda's figures for every person of a clinic come from one statement (bench/
case_review_bench.py counts the statements and times a clinic of 2,000 people).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Row, exists, func, or_, select
from sqlalchemy.orm import Session

from backcare.access.models import CareAccess
from backcare.access.policy import MeetingFacts
from backcare.accounts.models import Account
from backcare.case_review.models import (
    CaseReview,
    CaseReviewAddendum,
    CaseReviewAttendee,
    CaseReviewDecision,
    CaseReviewItem,
)
from backcare.patients.models import Patient
from backcare.team.models import Clinic, ClinicMember
from backcare.tracking.models import Alert


def add(session: Session, row: object) -> None:
    """Insert a row and give it its id."""
    session.add(row)
    session.flush()


def meeting(session: Session, meeting_id: int, *, lock: bool = False) -> CaseReview | None:
    """One meeting (locked for the transaction when ``lock``: its writes queue behind it)."""
    query = select(CaseReview).where(CaseReview.id == meeting_id)
    return session.scalars(query.with_for_update() if lock else query).first()


def _live(patient: Any, clinician: Any) -> tuple[Any, ...]:
    return (
        CareAccess.patient_id == patient,
        CareAccess.clinician_id == clinician,
        CareAccess.revoked_at.is_(None),
    )


def meeting_facts(session: Session, row: CaseReview, clinician_id: str) -> MeetingFacts:
    """Whether the clinician belongs to the meeting's clinic, or is in the person's team now."""
    if row.clinic_id is not None:
        member = exists().where(
            ClinicMember.clinic_id == row.clinic_id, ClinicMember.clinician_id == clinician_id
        )
        return MeetingFacts(clinic_member=bool(session.scalar(select(member))))
    in_team = exists().where(*_live(row.patient_id, clinician_id))
    return MeetingFacts(in_the_team=bool(session.scalar(select(in_team))))


def meetings_for(
    session: Session, clinician_id: str, limit: int
) -> Sequence[Row[CaseReview, str | None, str | None]]:
    """The meetings the clinician may attend, latest first, with the clinic's or person's name."""
    clinics = select(ClinicMember.clinic_id).where(ClinicMember.clinician_id == clinician_id)
    people = select(CareAccess.patient_id).where(
        CareAccess.clinician_id == clinician_id, CareAccess.revoked_at.is_(None)
    )
    query = (
        select(CaseReview, Clinic.name, Patient.display_name)
        .outerjoin(Clinic, Clinic.id == CaseReview.clinic_id)
        .outerjoin(Patient, Patient.id == CaseReview.patient_id)
        .where(or_(CaseReview.clinic_id.in_(clinics), CaseReview.patient_id.in_(people)))
        .order_by(CaseReview.held_on.desc(), CaseReview.id.desc())
        .limit(limit)
    )
    return session.execute(query).all()


def clinic_by_name(session: Session, name: str) -> Clinic | None:
    """The clinic of that name."""
    return session.scalars(select(Clinic).where(Clinic.name == name)).first()


def clinics_of(session: Session, clinician_id: str) -> list[str]:
    """The names of the clinics the clinician belongs to."""
    query = (
        select(Clinic.name)
        .join(ClinicMember, ClinicMember.clinic_id == Clinic.id)
        .where(ClinicMember.clinician_id == clinician_id)
        .order_by(Clinic.name)
    )
    return list(session.scalars(query))


def clinic_name(session: Session, clinic_id: int) -> str:
    """A clinic's name."""
    return str(session.scalar(select(Clinic.name).where(Clinic.id == clinic_id)) or "")


def patient_name(session: Session, patient_id: str) -> str:
    """A person's display name."""
    query = select(Patient.display_name).where(Patient.id == patient_id)
    return str(session.scalar(query) or "")


def clinicians_named(session: Session, usernames: Iterable[str]) -> dict[str, Account]:
    """The clinician accounts of these usernames, by username."""
    names = list(usernames)
    if not names:
        return {}
    query = select(Account).where(Account.username.in_(names), Account.role == "clinician")
    return {account.username: account for account in session.scalars(query)}


def eligible_attendees(session: Session, row: CaseReview, clinician_ids: Iterable[str]) -> set[str]:
    """Those of ``clinician_ids`` who may attend: the clinic's clinicians, or the person's team."""
    ids = list(clinician_ids)
    if not ids:
        return set()
    if row.clinic_id is not None:
        query = select(ClinicMember.clinician_id).where(
            ClinicMember.clinic_id == row.clinic_id, ClinicMember.clinician_id.in_(ids)
        )
    else:
        query = select(CareAccess.clinician_id).where(
            CareAccess.patient_id == row.patient_id,
            CareAccess.revoked_at.is_(None),
            CareAccess.clinician_id.in_(ids),
        )
    return set(session.scalars(query))


def set_attendees(session: Session, meeting_id: int, clinician_ids: Iterable[str]) -> None:
    """Replace the meeting's attendees."""
    for row in session.scalars(
        select(CaseReviewAttendee).where(CaseReviewAttendee.meeting_id == meeting_id)
    ):
        session.delete(row)
    session.flush()
    for clinician_id in sorted(set(clinician_ids)):
        session.add(CaseReviewAttendee(meeting_id=meeting_id, clinician_id=clinician_id))
    session.flush()


def attendees(session: Session, meeting_id: int) -> list[tuple[str, str | None]]:
    """The meeting's attendees: username and profession, by username."""
    query = (
        select(Account.username, Account.profession)
        .join(CaseReviewAttendee, CaseReviewAttendee.clinician_id == Account.id)
        .where(CaseReviewAttendee.meeting_id == meeting_id)
        .order_by(Account.username)
    )
    return [(row[0], row[1]) for row in session.execute(query)]


def team_members(session: Session, patient_id: str) -> list[tuple[str, str, str | None]]:
    """The person's care team now: account id, username and profession, by username."""
    query = (
        select(Account.id, Account.username, Account.profession)
        .join(CareAccess, CareAccess.clinician_id == Account.id)
        .where(CareAccess.patient_id == patient_id, CareAccess.revoked_at.is_(None))
        .order_by(Account.username)
    )
    return [(row[0], row[1], row[2]) for row in session.execute(query)]


def live_grant(session: Session, patient_id: str, clinician_id: str) -> CareAccess | None:
    """The clinician's live care access to the person."""
    query = select(CareAccess).where(*_live(patient_id, clinician_id))
    return session.scalars(query).first()


def visible_people(session: Session, clinician_id: str, patient_ids: Iterable[str]) -> set[str]:
    """Those of ``patient_ids`` whose care team the clinician is in now."""
    ids = list(patient_ids)
    if not ids:
        return set()
    query = select(CareAccess.patient_id).where(
        CareAccess.clinician_id == clinician_id,
        CareAccess.revoked_at.is_(None),
        CareAccess.patient_id.in_(ids),
    )
    return set(session.scalars(query))


def caseload_names(session: Session, clinician_id: str) -> list[tuple[str, str]]:
    """Everyone in the clinician's care: id and name, by name (the "add a person" choices)."""
    query = (
        select(Patient.id, Patient.display_name)
        .join(CareAccess, CareAccess.patient_id == Patient.id)
        .where(CareAccess.clinician_id == clinician_id, CareAccess.revoked_at.is_(None))
        .order_by(Patient.display_name, Patient.id)
    )
    return [(row[0], row[1]) for row in session.execute(query)]


def stored_items(session: Session, meeting_id: int) -> dict[str, CaseReviewItem]:
    """The meeting's stored agenda entries (added by hand while it is open), by person."""
    query = select(CaseReviewItem).where(CaseReviewItem.meeting_id == meeting_id)
    return {item.patient_id: item for item in session.scalars(query)}


def items(session: Session, meeting_id: int) -> Sequence[Row[CaseReviewItem, str]]:
    """A closed meeting's agenda as it was kept, with each person's name."""
    query = (
        select(CaseReviewItem, Patient.display_name)
        .join(Patient, Patient.id == CaseReviewItem.patient_id)
        .where(CaseReviewItem.meeting_id == meeting_id)
        .order_by(Patient.display_name, CaseReviewItem.patient_id)
    )
    return session.execute(query).all()


def item(session: Session, meeting_id: int, patient_id: str) -> CaseReviewItem | None:
    """A person's entry on a meeting's stored agenda."""
    query = select(CaseReviewItem).where(
        CaseReviewItem.meeting_id == meeting_id, CaseReviewItem.patient_id == patient_id
    )
    return session.scalars(query).first()


def open_alert_counts(session: Session, patient_ids: Iterable[str]) -> dict[str, int]:
    """Each person's alerts nobody has resolved yet, in one query."""
    ids = list(patient_ids)
    if not ids:
        return {}
    query = (
        select(Alert.patient_id, func.count())
        .where(Alert.patient_id.in_(ids), Alert.resolved.is_(False))
        .group_by(Alert.patient_id)
    )
    return {row[0]: int(row[1]) for row in session.execute(query)}


def decisions(
    session: Session,
    *,
    meeting_id: int | None = None,
    patient_id: str | None = None,
    owner_kind: str | None = None,
) -> Sequence[Row[CaseReviewDecision, dt.date, str]]:
    """Decisions (of a meeting, about a person, addressed to one kind of owner), newest
    first, each with its meeting's day and whether the meeting is closed."""
    query = select(CaseReviewDecision, CaseReview.held_on, CaseReview.title).join(
        CaseReview, CaseReview.id == CaseReviewDecision.meeting_id
    )
    if meeting_id is not None:
        query = query.where(CaseReviewDecision.meeting_id == meeting_id)
    if patient_id is not None:
        query = query.where(CaseReviewDecision.patient_id == patient_id)
    if owner_kind is not None:
        query = query.where(CaseReviewDecision.owner_kind == owner_kind)
    order = (CaseReviewDecision.decided_at.desc(), CaseReviewDecision.id.desc())
    return session.execute(query.order_by(*order)).all()


def addenda(session: Session, meeting_id: int) -> Sequence[CaseReviewAddendum]:
    """A closed meeting's addenda, oldest first."""
    query = (
        select(CaseReviewAddendum)
        .where(CaseReviewAddendum.meeting_id == meeting_id)
        .order_by(CaseReviewAddendum.created_at, CaseReviewAddendum.id)
    )
    return session.scalars(query).all()

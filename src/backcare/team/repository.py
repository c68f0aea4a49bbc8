"""All SQL about the care team: invitations, members, the lead, hand-overs and clinics."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import Row, select, update
from sqlalchemy.orm import Session

from backcare.access.models import CareAccess
from backcare.accounts.models import Account
from backcare.team.models import Clinic, ClinicMember, LeadHandover, TeamInvite
from backcare.team.vocabulary import HandoverStatus


def add(session: Session, row: TeamInvite | LeadHandover | Clinic | ClinicMember) -> None:
    """Insert a row and give it its id."""
    session.add(row)
    session.flush()


def invite_by_hash(session: Session, code_hash: str, *, lock: bool = False) -> TeamInvite | None:
    """The invitation a code stands for (locked, so two answers cannot both spend it)."""
    query = select(TeamInvite).where(TeamInvite.code_hash == code_hash)
    return session.scalars(query.with_for_update() if lock else query).first()


def invite(session: Session, patient_id: str, invite_id: int) -> TeamInvite | None:
    """One invitation of a record."""
    query = select(TeamInvite).where(
        TeamInvite.patient_id == patient_id, TeamInvite.id == invite_id
    )
    return session.scalars(query).first()


def invites_of(session: Session, patient_id: str) -> Sequence[Row[TeamInvite, str | None]]:
    """A record's invitations, newest first, with the clinician who answered."""
    query = (
        select(TeamInvite, Account.username)
        .outerjoin(Account, Account.id == TeamInvite.clinician_id)
        .where(TeamInvite.patient_id == patient_id)
        .order_by(TeamInvite.created_at.desc(), TeamInvite.id.desc())
    )
    return session.execute(query).all()


def live_grants(session: Session, patient_id: str) -> Sequence[Row[CareAccess, str, str | None]]:
    """The record's live care grants, first accepted first, with each clinician's account."""
    query = (
        select(CareAccess, Account.username, Account.profession)
        .join(Account, Account.id == CareAccess.clinician_id)
        .where(CareAccess.patient_id == patient_id, CareAccess.revoked_at.is_(None))
        .order_by(CareAccess.granted_at, CareAccess.id)
    )
    return session.execute(query).all()


def live_grant_of(session: Session, patient_id: str, clinician_id: str) -> CareAccess | None:
    """The clinician's live grant to the record."""
    query = select(CareAccess).where(
        CareAccess.patient_id == patient_id,
        CareAccess.clinician_id == clinician_id,
        CareAccess.revoked_at.is_(None),
    )
    return session.scalars(query).first()


def set_lead(session: Session, patient_id: str, grant_id: int | None) -> None:
    """Make the grant ``grant_id`` the record's only lead (None: nobody)."""
    live = (CareAccess.patient_id == patient_id, CareAccess.revoked_at.is_(None))
    session.execute(update(CareAccess).where(*live).values(lead=False))
    if grant_id is not None:
        session.execute(update(CareAccess).where(CareAccess.id == grant_id).values(lead=True))


def clinics_of(session: Session, clinician_ids: Iterable[str]) -> dict[str, list[str]]:
    """The clinic names of each clinician, in one query."""
    ids = list(clinician_ids)
    found: dict[str, list[str]] = defaultdict(list)
    if not ids:
        return found
    query = (
        select(ClinicMember.clinician_id, Clinic.name)
        .join(Clinic, Clinic.id == ClinicMember.clinic_id)
        .where(ClinicMember.clinician_id.in_(ids))
        .order_by(Clinic.name)
    )
    for clinician_id, name in session.execute(query):
        found[clinician_id].append(name)
    return found


def handovers_of(session: Session, patient_id: str) -> Sequence[Row[LeadHandover, str]]:
    """A record's lead hand-overs, newest first, with the clinician offered the lead."""
    query = (
        select(LeadHandover, Account.username)
        .join(Account, Account.id == LeadHandover.to_clinician_id)
        .where(LeadHandover.patient_id == patient_id)
        .order_by(LeadHandover.offered_at.desc(), LeadHandover.id.desc())
    )
    return session.execute(query).all()


def handover(session: Session, patient_id: str, handover_id: int) -> LeadHandover | None:
    """One hand-over of a record."""
    query = select(LeadHandover).where(
        LeadHandover.patient_id == patient_id, LeadHandover.id == handover_id
    )
    return session.scalars(query).first()


def withdraw_offers(
    session: Session, patient_id: str, *, by: str, now: datetime, to: str | None = None
) -> None:
    """Withdraw the record's open hand-overs (only those to ``to``, when given)."""
    where = [LeadHandover.patient_id == patient_id, LeadHandover.status == HandoverStatus.OFFERED]
    if to is not None:
        where.append(LeadHandover.to_clinician_id == to)
    session.execute(
        update(LeadHandover)
        .where(*where)
        .values(status=HandoverStatus.WITHDRAWN.value, answered_by=by, answered_at=now)
    )


def clinic_by_name(session: Session, name: str) -> Clinic | None:
    """The clinic of that name."""
    return session.scalars(select(Clinic).where(Clinic.name == name)).first()


def clinic_member(session: Session, clinic_id: int, clinician_id: str) -> ClinicMember | None:
    """A clinician's membership of a clinic."""
    query = select(ClinicMember).where(
        ClinicMember.clinic_id == clinic_id, ClinicMember.clinician_id == clinician_id
    )
    return session.scalars(query).first()


def clinics(session: Session) -> list[tuple[Clinic, list[str]]]:
    """Every clinic, by name, with its clinicians' names (two queries)."""
    rows = session.scalars(select(Clinic).order_by(Clinic.name)).all()
    members: dict[int, list[str]] = defaultdict(list)
    query = (
        select(ClinicMember.clinic_id, Account.username)
        .join(Account, Account.id == ClinicMember.clinician_id)
        .order_by(Account.username)
    )
    for clinic_id, username in session.execute(query):
        members[clinic_id].append(username)
    return [(row, members[row.id]) for row in rows]


def grants_over_time(
    session: Session, patient_id: str
) -> Sequence[Row[CareAccess, str, str | None]]:
    """Every care grant of a record, live and ended, first granted first, with each
    clinician's name and profession (the care team over time, for the FHIR CareTeam)."""
    query = (
        select(CareAccess, Account.username, Account.profession)
        .join(Account, Account.id == CareAccess.clinician_id)
        .where(CareAccess.patient_id == patient_id)
        .order_by(CareAccess.granted_at, CareAccess.id)
    )
    return session.execute(query).all()

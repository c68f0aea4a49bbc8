"""A person's care team as they see it, revoking a clinician, and the lead and its hand-over.

Revoking ends the grant at once: the very next request of that clinician about the record is
404, as for any record they never had. When the lead leaves, the clinician who joined first
among those left leads. The lead role changes hands only when the clinician offered it accepts;
the person or the current lead offers it, and every offer and answer is shown to the person.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from backcare.access import grants, trail
from backcare.access.policy import Actor, Kind
from backcare.accounts.repository import account_by_name
from backcare.accounts.vocabulary import Profession
from backcare.audit.schemas import AuditAction
from backcare.errors import ConflictError, NotFoundError
from backcare.patients.service import get_patient
from backcare.team import repository
from backcare.team.invites import invites_of
from backcare.team.models import LeadHandover
from backcare.team.schemas import HandoverRead, TeamMember, TeamRead
from backcare.team.vocabulary import HandoverStatus, Share

CARE = "care"
"""A grant made at the command line or by creating the record: read and add, no exports."""
NOT_IN_TEAM = "clinician: {name!r} is not in this person's care team."


def team_of(session: Session, *, patient_id: str, now: dt.datetime) -> TeamRead:
    """Who is in the team (with what they see and since when), invitations and hand-overs."""
    get_patient(session, patient_id=patient_id)
    live = repository.live_grants(session, patient_id)
    clinics = repository.clinics_of(session, (grant.clinician_id for grant, _n, _p in live))
    members = [
        TeamMember(
            clinician=name,
            profession=Profession(profession) if profession else None,
            clinics=clinics.get(grant.clinician_id, []),
            share=share_of(grant.whole_record, grant.plan_and_progress_only),
            since=grant.granted_at,
            lead=grant.lead,
        )
        for grant, name, profession in live
    ]
    return TeamRead(
        members=members,
        invites=invites_of(session, patient_id=patient_id, now=now),
        handovers=[
            _handover(row, name) for row, name in repository.handovers_of(session, patient_id)
        ],
    )


def share_of(whole_record: bool, plan_and_progress_only: bool) -> Share | str:
    """What a grant shares, in the team's words."""
    if whole_record:
        return Share.WHOLE_RECORD
    return Share.PLAN_AND_PROGRESS if plan_and_progress_only else CARE


def remove_member(
    session: Session,
    *,
    patient_id: str,
    clinician: str,
    by: Actor,
    source: str,
    now: dt.datetime,
) -> TeamRead:
    """The person ends a clinician's access at once; the lead passes on if it was theirs."""
    account = account_by_name(session, clinician)
    grant = None if account is None else repository.live_grant_of(session, patient_id, account.id)
    if account is None or grant is None:
        raise NotFoundError(NOT_IN_TEAM.format(name=clinician))
    was_lead = grant.lead
    grants.revoke(
        session, clinician=clinician, patient_id=patient_id, by=by, source=source, now=now
    )
    repository.withdraw_offers(session, patient_id, by=by.name, now=now, to=account.id)
    if was_lead:
        left = repository.live_grants(session, patient_id)
        repository.set_lead(session, patient_id, left[0][0].id if left else None)
    session.flush()
    return team_of(session, patient_id=patient_id, now=now)


def offer_lead(
    session: Session,
    *,
    patient_id: str,
    clinician: str,
    by: Actor,
    source: str,
    now: dt.datetime,
) -> HandoverRead:
    """Offer the lead to a clinician in the team (by the person, or by the current lead)."""
    live = repository.live_grants(session, patient_id)
    target = next((grant for grant, name, _p in live if name == clinician), None)
    if target is None:
        raise NotFoundError(NOT_IN_TEAM.format(name=clinician))
    if by.kind is Kind.CLINICIAN and not any(
        grant.lead and grant.clinician_id == by.account_id for grant, _n, _p in live
    ):
        raise ConflictError("Only the lead clinician or the person can hand over the lead.")
    if target.lead:
        raise ConflictError(f"{clinician} already leads this person's care team.")
    repository.withdraw_offers(session, patient_id, by=by.name, now=now)
    row = LeadHandover(
        patient_id=patient_id,
        to_clinician_id=target.clinician_id,
        offered_by=by.name,
        offered_at=now,
        status=HandoverStatus.OFFERED.value,
    )
    repository.add(session, row)
    _log(session, by, patient_id, source, now, f"lead offered to {clinician} ({row.id})")
    return _handover(row, clinician)


def answer_lead(
    session: Session,
    *,
    patient_id: str,
    handover_id: int,
    accept: bool,
    by: Actor,
    source: str,
    now: dt.datetime,
) -> HandoverRead:
    """The clinician offered the lead accepts (and leads from now) or declines."""
    row = repository.handover(session, patient_id, handover_id)
    if row is None or row.to_clinician_id != by.account_id:
        raise NotFoundError(f"You have no hand-over {handover_id} on this record.")
    if row.status != HandoverStatus.OFFERED:
        raise ConflictError(f"This hand-over was already {row.status}; it cannot be answered.")
    grant = repository.live_grant_of(session, patient_id, row.to_clinician_id)
    if grant is None:
        raise ConflictError("You are no longer in this person's care team.")
    row.status = (HandoverStatus.ACCEPTED if accept else HandoverStatus.DECLINED).value
    row.answered_by, row.answered_at = by.name, now
    if accept:
        repository.set_lead(session, patient_id, grant.id)
    session.flush()
    _log(session, by, patient_id, source, now, f"lead hand-over {row.id} {row.status}")
    return _handover(row, by.name)


def _log(
    session: Session, by: Actor, patient_id: str, source: str, now: dt.datetime, what: str
) -> None:
    trail.write(
        session,
        actor=by,
        action=AuditAction.team_lead,
        patient_id=patient_id,
        source=source,
        now=now,
        detail=what,
    )


def _handover(row: LeadHandover, to_clinician: str) -> HandoverRead:
    return HandoverRead(
        id=row.id,
        to_clinician=to_clinician,
        offered_by=row.offered_by,
        offered_at=row.offered_at,
        status=HandoverStatus(row.status),
        answered_at=row.answered_at,
    )

"""A person's invitation to their care team: made, previewed, answered once, or withdrawn.

The code is shown once and only its hash is stored. Every answer to a code that is spent,
withdrawn or past its week is refused with a sentence saying which (409); a code that was never
made is 404. Accepting grants what the person chose to share (backcare.access.grants), and the
first clinician to accept leads the team.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from backcare.access import grants, trail
from backcare.access.policy import Actor, Kind
from backcare.audit.schemas import AuditAction
from backcare.errors import ConflictError, InvalidInputError, NotFoundError
from backcare.patients.service import get_patient
from backcare.team import codes, repository
from backcare.team.models import TeamInvite
from backcare.team.schemas import (
    InviteAnswer,
    InviteAnswered,
    InviteCreate,
    InviteCreated,
    InvitePreview,
    InviteRead,
)
from backcare.team.vocabulary import InviteStatus, Share

INVITE_LIFETIME = dt.timedelta(days=7)
JOIN_PAGE = "/team/join"
UNKNOWN_CODE = "code: no invitation has this code; check it letter by letter."


def create_invite(
    session: Session,
    *,
    patient_id: str,
    data: InviteCreate,
    by: Actor,
    source: str,
    now: dt.datetime,
) -> InviteCreated:
    """A new invitation to the record's care team, valid for a week and for one answer."""
    get_patient(session, patient_id=patient_id)
    code = codes.new_code()
    row = TeamInvite(
        patient_id=patient_id,
        code_hash=codes.code_hash(code),
        share=data.share.value,
        created_by=by.name,
        created_at=now,
        expires_at=now + INVITE_LIFETIME,
    )
    repository.add(session, row)
    trail.write(
        session,
        actor=by,
        action=AuditAction.team_invite,
        patient_id=patient_id,
        source=source,
        now=now,
        detail=f"invitation {row.id} made ({data.share.value})",
    )
    return InviteCreated(
        id=row.id,
        code=code,
        link=f"{JOIN_PAGE}?code={code}",
        share=data.share,
        expires_at=row.expires_at,
    )


def preview_invite(session: Session, *, code: str, now: dt.datetime) -> InvitePreview:
    """Who invites and what they share, for a clinician about to answer."""
    row = _answerable(session, code, now, lock=False)
    patient = get_patient(session, patient_id=row.patient_id)
    return InvitePreview(
        person=patient.display_name, share=Share(row.share), expires_at=row.expires_at
    )


def answer_invite(
    session: Session, *, data: InviteAnswer, by: Actor, source: str, now: dt.datetime
) -> InviteAnswered:
    """The clinician accepts (joining the team, with what the person shares) or declines."""
    if by.kind is not Kind.CLINICIAN or by.account_id is None:
        raise InvalidInputError("code: only a clinician's account can answer an invitation.")
    row = _answerable(session, data.code, now, lock=True)
    row.status = (InviteStatus.ACCEPTED if data.accept else InviteStatus.DECLINED).value
    row.clinician_id, row.answered_at = by.account_id, now
    share = Share(row.share)
    lead = False
    if data.accept:
        grants.grant(
            session,
            clinician=by.name,
            patient_id=row.patient_id,
            by=by,
            source=source,
            now=now,
            whole_record=share is Share.WHOLE_RECORD,
            plan_and_progress_only=share is Share.PLAN_AND_PROGRESS,
        )
        lead = _lead_if_none(session, row.patient_id, by.account_id)
    session.flush()
    trail.write(
        session,
        actor=by,
        action=AuditAction.team_answer,
        patient_id=row.patient_id,
        source=source,
        now=now,
        detail=f"invitation {row.id} {row.status}" + (" (lead)" if lead else ""),
    )
    return InviteAnswered(
        patient_id=row.patient_id, status=InviteStatus(row.status), share=share, lead=lead
    )


def _lead_if_none(session: Session, patient_id: str, clinician_id: str) -> bool:
    """The first clinician to accept leads the team; True when that is this one."""
    live = repository.live_grants(session, patient_id)
    if any(grant.lead for grant, _name, _profession in live):
        return any(grant.lead and grant.clinician_id == clinician_id for grant, _n, _p in live)
    mine = next(grant for grant, _name, _profession in live if grant.clinician_id == clinician_id)
    repository.set_lead(session, patient_id, mine.id)
    return True


def withdraw_invite(
    session: Session,
    *,
    patient_id: str,
    invite_id: int,
    by: Actor,
    source: str,
    now: dt.datetime,
) -> InviteRead:
    """The person takes back an invitation nobody has answered."""
    row = repository.invite(session, patient_id, invite_id)
    if row is None:
        raise NotFoundError(f"This record has no invitation {invite_id}.")
    if row.status != InviteStatus.OPEN:
        raise ConflictError(f"This invitation was already {row.status}, so it cannot be withdrawn.")
    row.status, row.answered_at = InviteStatus.WITHDRAWN.value, now
    session.flush()
    trail.write(
        session,
        actor=by,
        action=AuditAction.team_invite,
        patient_id=patient_id,
        source=source,
        now=now,
        detail=f"invitation {row.id} withdrawn",
    )
    return _read(row, None, now)


def invites_of(session: Session, *, patient_id: str, now: dt.datetime) -> list[InviteRead]:
    """The record's invitations, newest first."""
    return [_read(row, name, now) for row, name in repository.invites_of(session, patient_id)]


def _read(row: TeamInvite, clinician: str | None, now: dt.datetime) -> InviteRead:
    return InviteRead(
        id=row.id,
        share=Share(row.share),
        status=status_of(row, now),
        created_at=row.created_at,
        expires_at=row.expires_at,
        clinician=clinician,
    )


def status_of(row: TeamInvite, now: dt.datetime) -> InviteStatus | str:
    """The invitation's state as shown: ``expired`` for an open one past its week."""
    if row.status == InviteStatus.OPEN and now >= row.expires_at:
        return "expired"
    return InviteStatus(row.status)


def _answerable(session: Session, code: str, now: dt.datetime, *, lock: bool) -> TeamInvite:
    if not codes.normalised(code):
        raise InvalidInputError("code: enter the invitation code the person gave you.")
    row = repository.invite_by_hash(session, codes.code_hash(code), lock=lock)
    if row is None:
        raise NotFoundError(UNKNOWN_CODE)
    if row.status == InviteStatus.WITHDRAWN:
        raise ConflictError("The person withdrew this invitation; ask them for a new one.")
    if row.status != InviteStatus.OPEN:
        raise ConflictError(
            f"This invitation was already {row.status}: each code works once. Ask the person "
            "for a new one if you need it."
        )
    if now >= row.expires_at:
        raise ConflictError(
            "This invitation has expired (they last a week); ask the person for a new one."
        )
    return row

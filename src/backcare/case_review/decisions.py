"""Bring a person to a meeting's agenda and record decisions about their care; the person
reads the decisions addressed to them, and only those. Each write is audited."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from backcare.access import trail
from backcare.access.policy import Action, Actor
from backcare.audit.schemas import AuditAction
from backcare.case_review import checks, repository
from backcare.case_review.meetings import decision_read
from backcare.case_review.models import CaseReview, CaseReviewDecision, CaseReviewItem
from backcare.case_review.schemas import DecisionCreate, DecisionRead
from backcare.case_review.vocabulary import PERSON_OWNER, OwnerKind
from backcare.errors import InvalidInputError
from backcare.patients.service import ensure_patient_exists

DUE_WITHIN = dt.timedelta(days=366)
"""A decision is due within a year of the meeting: later than that it is a plan, not a step."""


def add_to_agenda(
    session: Session,
    *,
    meeting_id: int,
    patient_id: str,
    actor: Actor,
    source: str,
    now: dt.datetime,
) -> bool:
    """Put a person in your care on an open meeting's agenda; False when already there."""
    row = checks.open_meeting(session, actor, meeting_id)
    checks.require_record(session, actor, patient_id, Action.CASE_DECIDE)
    checks.in_scope(row, patient_id)
    added = _ensure_item(session, row, patient_id, actor, now)
    if added:
        _log(session, actor, source, now, row, patient_id, "person added to the agenda")
    return added


def _ensure_item(
    session: Session, row: CaseReview, patient_id: str, actor: Actor, now: dt.datetime
) -> bool:
    if repository.item(session, row.id, patient_id) is not None:
        return False
    repository.add(
        session,
        CaseReviewItem(
            meeting_id=row.id, patient_id=patient_id, reasons=[], added_by=actor.name, added_at=now
        ),
    )
    return True


def decide(
    session: Session,
    *,
    meeting_id: int,
    patient_id: str,
    data: DecisionCreate,
    actor: Actor,
    source: str,
    now: dt.datetime,
) -> DecisionRead:
    """Record a decision about a person in your care at an open meeting (409 once closed)."""
    row = checks.open_meeting(session, actor, meeting_id)
    checks.require_record(session, actor, patient_id, Action.CASE_DECIDE)
    checks.in_scope(row, patient_id)
    if not row.held_on <= data.due_on <= row.held_on + DUE_WITHIN:
        raise InvalidInputError(
            f"due_on: {data.due_on.isoformat()} must be from the meeting's day "
            f"({row.held_on.isoformat()}) to a year after it."
        )
    owner_kind, owner_id, owner_name = _owner(session, patient_id, data.owner)
    profession = None
    for account_id, _name, trade in repository.team_members(session, patient_id):
        if account_id == actor.account_id:
            profession = trade
    # A decision puts its person on the agenda, so the kept agenda always holds them.
    _ensure_item(session, row, patient_id, actor, now)
    decision = CaseReviewDecision(
        meeting_id=row.id,
        patient_id=patient_id,
        text=data.text,
        owner_kind=owner_kind.value,
        owner_id=owner_id,
        owner_name=owner_name,
        due_on=data.due_on,
        decided_by=actor.name,
        profession=profession,
        decided_at=now,
    )
    repository.add(session, decision)
    _log(session, actor, source, now, row, patient_id, f"decision {decision.id} recorded")
    return decision_read(decision, row.held_on)


def _owner(session: Session, patient_id: str, owner: str) -> tuple[OwnerKind, str | None, str]:
    """Who carries the decision out: the person, or a clinician in their care team now."""
    if owner == PERSON_OWNER:
        return OwnerKind.PERSON, None, repository.patient_name(session, patient_id)
    for account_id, username, _profession in repository.team_members(session, patient_id):
        if username == owner:
            return OwnerKind.CLINICIAN, account_id, username
    raise InvalidInputError(
        f'owner: {owner!r} is not in this person\'s care team; give "person" or the username '
        "of a clinician in their team."
    )


def addressed_to_person(session: Session, *, patient_id: str) -> list[DecisionRead]:
    """The decisions addressed to the person themselves, newest first (no others)."""
    ensure_patient_exists(session, patient_id=patient_id)
    rows = repository.decisions(session, patient_id=patient_id, owner_kind=OwnerKind.PERSON.value)
    return [decision_read(row, held_on) for row, held_on, _title in rows]


def _log(
    session: Session,
    actor: Actor,
    source: str,
    now: dt.datetime,
    row: CaseReview,
    patient_id: str,
    what: str,
) -> None:
    trail.write(
        session,
        actor=actor,
        action=AuditAction.case_review_write,
        patient_id=patient_id,
        source=source,
        now=now,
        detail=f"case review {row.id}: {what}",
    )

"""The policy's questions about meetings and the people on them, with the facts loaded here.

Every use case of the case review asks through these, so a page or route that forgot its own
check would still be refused: a meeting the clinician may not attend does not exist for them,
and a person whose care team they are not in is never shown, added or decided about.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from backcare.access.policy import (
    Action,
    Actor,
    MeetingFacts,
    Outcome,
    RecordFacts,
    decide,
    decide_meeting,
)
from backcare.case_review import repository
from backcare.case_review.models import CaseReview
from backcare.errors import ConflictError, ForbiddenError, InvalidInputError, NotFoundError

NO_MEETING = "No case review you may attend has the id {id}."
NO_PERSON = "No record you may see has the id {id!r}."
CLOSED = (
    "This case review is closed and read-only; add an addendum to its minutes instead "
    "(closed {when} by {who})."
)


def meeting_facts(session: Session, actor: Actor, row: CaseReview) -> MeetingFacts:
    """What the store says about this clinician and the meeting."""
    if actor.account_id is None:
        return MeetingFacts()
    return repository.meeting_facts(session, row, actor.account_id)


def meeting_for(
    session: Session, actor: Actor, meeting_id: int, action: Action, *, lock: bool = False
) -> CaseReview:
    """The meeting, if the policy lets the actor do ``action`` to it (else as if none)."""
    row = repository.meeting(session, meeting_id, lock=lock)
    if row is None:
        raise NotFoundError(NO_MEETING.format(id=meeting_id))
    outcome = decide_meeting(actor, action, meeting_facts(session, actor, row))
    if outcome is Outcome.FORBIDDEN:
        raise ForbiddenError("You may not do this with your account or this token.")
    if outcome is not Outcome.ALLOWED:
        raise NotFoundError(NO_MEETING.format(id=meeting_id))
    return row


def may_run(session: Session, actor: Actor, row: CaseReview) -> bool:
    """Whether the policy lets the actor run this meeting (also one not yet stored)."""
    facts = meeting_facts(session, actor, row)
    return decide_meeting(actor, Action.CASE_REVIEW_RUN, facts) is Outcome.ALLOWED


def open_meeting(session: Session, actor: Actor, meeting_id: int) -> CaseReview:
    """The meeting, locked, if the actor may run it and it is still open (409 once closed)."""
    row = meeting_for(session, actor, meeting_id, Action.CASE_REVIEW_RUN, lock=True)
    if row.closed_at is not None:
        raise ConflictError(CLOSED.format(when=f"{row.closed_at:%-d %B %Y}", who=row.closed_by))
    return row


def record_facts(session: Session, actor: Actor, patient_id: str) -> RecordFacts:
    """The clinician's live care access to the person, as the policy reads it."""
    grant = (
        repository.live_grant(session, patient_id, actor.account_id)
        if actor.account_id is not None
        else None
    )
    if grant is None:
        return RecordFacts(patient_id=patient_id)
    return RecordFacts(
        patient_id=patient_id,
        care_access=True,
        whole_record=grant.whole_record,
        plan_and_progress_only=grant.plan_and_progress_only,
    )


def require_record(session: Session, actor: Actor, patient_id: str, action: Action) -> RecordFacts:
    """The person's facts, if the policy lets the actor do ``action`` about them."""
    facts = record_facts(session, actor, patient_id)
    outcome = decide(actor, action, facts)
    if outcome is Outcome.FORBIDDEN:
        raise ForbiddenError("You may not do this with your account or this token.")
    if outcome is not Outcome.ALLOWED:
        raise NotFoundError(NO_PERSON.format(id=patient_id))
    return facts


def in_scope(row: CaseReview, patient_id: str) -> None:
    """A team meeting is about its one person: anyone else is refused (422)."""
    if row.patient_id is not None and row.patient_id != patient_id:
        raise InvalidInputError(
            "patient_id: this meeting is of one person's care team; a meeting of a clinic "
            "can bring up anyone in your care."
        )

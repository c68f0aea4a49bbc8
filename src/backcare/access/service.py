"""Access use cases: decide a request, and the audit line that records the decision."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from backcare.access import actors, repository, trail
from backcare.access.policy import Action, Actor, Kind, Outcome, RecordFacts, decide
from backcare.accounts import repository as accounts_repository
from backcare.audit.schemas import AuditEvent
from backcare.settings import Settings

LOGGED_WHEN_ALLOWED = frozenset(
    {
        Action.READ,
        Action.WRITE,
        Action.EXPORT,
        Action.ACCESS_LOG,
        Action.LIST,
        Action.PLAN_EDIT,
        Action.NOTE_READ,
        Action.NOTE_WRITE,
        Action.MESSAGE_READ,
        Action.MESSAGE_SEND,
        Action.PLAN_READ,
        Action.TEAM_READ,
        Action.CASELOAD,
        Action.CASE_REVIEWS,
        Action.CASE_SUMMARY,
        Action.CASE_DECISIONS,
        Action.REFERRAL_READ,
        Action.APPOINTMENT_READ,
    }
)
"""Allowed actions logged by the check itself; creating, erasing and breaking the glass are
logged by their own use case, which knows the record's id and what happened."""


@dataclass(frozen=True, slots=True)
class AccessRequest:
    """One request to act: the credential shown, the action, the record, where from."""

    credential: actors.Credential | None
    action: Action
    patient_id: str | None
    source: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Decision:
    """The policy's outcome for a request, and who asked."""

    outcome: Outcome
    actor: Actor | None = None
    token_id: str | None = None
    touch: str | None = None
    """A session to mark as used (``touch_session``), in a write transaction."""
    record: RecordFacts | None = None
    """What the policy was told about the record the request names, if it names one."""

    @property
    def allowed(self) -> bool:
        """Whether the request may go ahead."""
        return self.outcome is Outcome.ALLOWED


def check(
    session: Session,
    request: AccessRequest,
    *,
    now: dt.datetime,
    settings: Settings,
) -> Decision:
    """Load the actor and ask the policy; reads only, so a read transaction will do.

    The caller logs the decision (``event_for`` and the audit writer, or ``log``).
    """
    loaded = actors.Loaded(None)
    if request.credential is not None:
        loaded = actors.load(
            session,
            request.credential,
            patient_id=request.patient_id,
            now=now,
            settings=settings,
        )
    outcome = decide(loaded.actor, request.action, loaded.record)
    return Decision(outcome, loaded.actor, loaded.token_id, loaded.touch, loaded.record)


def touch_session(session: Session, decision: Decision, *, now: dt.datetime) -> None:
    """Mark the decision's session as used now, if it is due (write transaction)."""
    if decision.touch is not None:
        accounts_repository.touch_session(session, decision.touch, now)


def event_for(request: AccessRequest, decision: Decision) -> AuditEvent | None:
    """The audit line of a decision: every access to a record, every refusal of a known actor."""
    if decision.actor is None:
        return None  # nobody signed in: nothing was touched and there is nobody to name
    if decision.allowed and request.action not in LOGGED_WHEN_ALLOWED:
        return None
    detail = request.detail
    if decision.token_id is not None:
        detail = f"{detail} (token {decision.token_id})".strip()
    return trail.event(
        actor=decision.actor,
        action=trail.AUDIT_ACTIONS[request.action],
        patient_id=request.patient_id,
        source=request.source,
        detail=detail,
        allowed=decision.allowed,
    )


def visible_patient_ids(session: Session, actor: Actor, *, now: dt.datetime) -> list[str] | None:
    """The records the actor may list (None: all of them, for the command line)."""
    match actor.kind:
        case Kind.PERSON:
            return [actor.patient_id] if actor.patient_id else []
        case Kind.CLINICIAN:
            assert actor.account_id is not None
            return list(repository.granted_patient_ids(session, actor.account_id))
        case Kind.ADMIN:
            assert actor.account_id is not None
            return list(repository.glass_patient_ids(session, actor.account_id, now))
        case Kind.OPERATOR:
            return None


def facts_of_listed(
    session: Session, actor: Actor, patient_ids: list[str]
) -> dict[str, RecordFacts]:
    """What the store says about the actor and each record of a list it may see (one query):
    a list shows each record as far as the policy lets this actor see it."""
    match actor.kind:
        case Kind.CLINICIAN:
            assert actor.account_id is not None
            rows = repository.live_reach(session, actor.account_id, patient_ids)
            return {
                row.patient_id: RecordFacts(
                    patient_id=row.patient_id,
                    care_access=True,
                    whole_record=bool(row.whole_record),
                    plan_and_progress_only=bool(row.plan_and_progress_only),
                )
                for row in rows
            }
        case Kind.ADMIN:
            # The list of an admin holds only the records of their live break-glass.
            return {pid: RecordFacts(patient_id=pid, break_glass=True) for pid in patient_ids}
        case Kind.PERSON | Kind.OPERATOR:
            return {pid: RecordFacts(patient_id=pid) for pid in patient_ids}

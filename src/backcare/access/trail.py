"""How access decisions reach the audit log (backcare.audit): who, what, which record, outcome."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from backcare.access.policy import Action, Actor, Kind
from backcare.audit.schemas import ActorRole, AuditAction, AuditActor, AuditEvent
from backcare.audit.service import record

CLI_SOURCE = "cli"
AUDIT_ACTIONS: dict[Action, AuditAction] = {
    Action.READ: AuditAction.record_read,
    Action.WRITE: AuditAction.record_write,
    Action.EXPORT: AuditAction.record_export,
    Action.ERASE: AuditAction.record_erase,
    Action.ACCESS_LOG: AuditAction.audit_read,
    Action.BREAK_GLASS: AuditAction.access_break_glass,
    Action.CREATE: AuditAction.record_create,
    Action.ASSESS: AuditAction.record_write,
    Action.IMPORT: AuditAction.record_write,
    Action.LIST: AuditAction.record_list,
    Action.ACCOUNT_READ: AuditAction.account_update,
    Action.ACCOUNT_CHANGE: AuditAction.account_update,
    Action.MANAGE_ACCOUNTS: AuditAction.account_update,
    Action.PLAN_EDIT: AuditAction.plan_edit,
    Action.NOTE_READ: AuditAction.note_read,
    Action.NOTE_WRITE: AuditAction.note_write,
    Action.MESSAGE_READ: AuditAction.message_read,
    Action.MESSAGE_SEND: AuditAction.message_send,
    Action.PLAN_READ: AuditAction.record_read,
    Action.TEAM_READ: AuditAction.record_read,
    Action.TEAM_MANAGE: AuditAction.team_invite,
    Action.LEAD_HANDOVER: AuditAction.team_lead,
    Action.ALERT_HANDLE: AuditAction.alert_update,
    Action.SEEN_REPORT: AuditAction.seen_report,
    Action.SEEN_CONFIRM: AuditAction.seen_decision,
    Action.INVITE_REDEEM: AuditAction.team_answer,
    Action.CASELOAD: AuditAction.record_list,
    Action.MANAGE_CLINICS: AuditAction.clinic_change,
    Action.CASE_REVIEWS: AuditAction.case_review_read,
    Action.CASE_REVIEW_RUN: AuditAction.case_review_write,
    Action.CASE_SUMMARY: AuditAction.case_review_read,
    Action.CASE_DECIDE: AuditAction.case_review_write,
    Action.CASE_DECISIONS: AuditAction.case_review_read,
    Action.REFERRAL_READ: AuditAction.referral_read,
    Action.REFERRAL_CREATE: AuditAction.referral_write,
    Action.REFERRAL_UPDATE: AuditAction.referral_write,
    Action.APPOINTMENT_READ: AuditAction.appointment_read,
    Action.APPOINTMENT_PROPOSE: AuditAction.appointment_write,
    Action.APPOINTMENT_ANSWER: AuditAction.appointment_write,
    Action.APPOINTMENT_CANCEL: AuditAction.appointment_write,
}
_ROLES: dict[Kind, ActorRole] = {
    Kind.PERSON: "person",
    Kind.CLINICIAN: "clinician",
    Kind.ADMIN: "admin",
    Kind.OPERATOR: "os_user",
}
_SHORT = 200


def audit_actor(actor: Actor | None) -> AuditActor:
    """The audit log's name for an actor (anonymous when nobody is signed in)."""
    if actor is None:
        return AuditActor(role="anonymous")
    return AuditActor(actor_id=actor.account_id, role=_ROLES[actor.kind], name=actor.name)


def event(
    *,
    actor: Actor | None,
    action: AuditAction,
    patient_id: str | None,
    source: str,
    detail: str = "",
    allowed: bool = True,
) -> AuditEvent:
    """One audit line, checked and ready to append."""
    return AuditEvent(
        actor=audit_actor(actor),
        action=action,
        patient_id=patient_id,
        outcome="allowed" if allowed else "denied",
        source=source[:100] or "unknown",
        detail=_printable(detail)[:_SHORT],
    )


def write(
    session: Session,
    *,
    actor: Actor | None,
    action: AuditAction,
    patient_id: str | None,
    source: str,
    now: dt.datetime,
    detail: str = "",
    allowed: bool = True,
) -> None:
    """Append one event, in the caller's transaction (call it last in the unit of work)."""
    line = event(
        actor=actor,
        action=action,
        patient_id=patient_id,
        source=source,
        detail=detail,
        allowed=allowed,
    )
    record(session, line, at=now)


def _printable(text: str) -> str:
    """Detail without control characters (the log refuses them; a name could hold one)."""
    if text.isprintable():  # nearly always: no copy, character by character, on every request
        return text
    return "".join(ch if ch.isprintable() else "?" for ch in text)

"""What goes into and comes out of the audit log: events, stored rows, chain reports."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

ActorRole = Literal["person", "clinician", "admin", "system", "os_user", "anonymous"]
Outcome = Literal["allowed", "denied"]

# Printable text only: a control character could forge a line break in an export or a terminal.
_PRINTABLE = r"^[^\x00-\x1f\x7f]*$"
ShortText = Annotated[str, Field(max_length=200, pattern=_PRINTABLE)]


class AuditAction(StrEnum):
    """The closed vocabulary of what the log records; add a member for a new kind of access."""

    record_create = "record.create"
    record_read = "record.read"
    record_list = "record.list"
    record_write = "record.write"
    record_export = "record.export"
    record_erase = "record.erase"
    auth_login = "auth.login"
    auth_login_failed = "auth.login_failed"
    auth_logout = "auth.logout"
    auth_logout_everywhere = "auth.logout_everywhere"
    auth_token_used = "auth.token_used"
    auth_token_created = "auth.token_created"
    auth_token_revoked = "auth.token_revoked"
    auth_password_reset = "auth.password_reset"
    auth_sign_in_link = "auth.sign_in_link"
    access_break_glass = "access.break_glass"
    access_grant = "access.grant"
    access_revoke = "access.revoke"
    account_create = "account.create"
    account_update = "account.update"
    account_disable = "account.disable"
    audit_read = "audit.read"
    audit_export = "audit.export"
    database_backup = "database.backup"
    database_restore = "database.restore"
    plan_edit = "plan.edit"
    plan_override = "plan.override"
    note_read = "note.read"
    note_write = "note.write"
    message_read = "message.read"
    message_send = "message.send"
    team_invite = "team.invite"
    team_answer = "team.answer"
    team_lead = "team.lead"
    clinic_change = "clinic.change"
    alert_update = "alert.update"
    seen_report = "seen.report"
    seen_decision = "seen.decision"
    case_review_read = "case_review.read"
    case_review_write = "case_review.write"
    referral_read = "referral.read"
    referral_write = "referral.write"
    appointment_read = "appointment.read"
    appointment_write = "appointment.write"


class AuditActor(BaseModel):
    """Who acted: made once per request or command and reused for each event it records.

    A person's own name is never written to the log (``actor_name`` is dropped for the
    ``person`` and ``anonymous`` roles); their account id stands for them, so nothing in the
    log names a patient once their account and record are erased.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    actor_id: str | None = Field(default=None, max_length=64, pattern=_PRINTABLE)
    role: ActorRole
    name: ShortText = ""


class AuditEvent(BaseModel):
    """One access to record: who, what, which person's record, allowed or denied, from where."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    actor: AuditActor
    action: AuditAction
    patient_id: str | None = Field(default=None, max_length=32, pattern=_PRINTABLE)
    outcome: Outcome = "allowed"
    source: str = Field(max_length=100, pattern=_PRINTABLE, description="Client address or 'cli'.")
    detail: ShortText = Field(default="", description="Short; never clinical content.")


class AuditRow(BaseModel):
    """A stored row of the log, as listed and exported."""

    model_config = ConfigDict(frozen=True, from_attributes=True)

    seq: int
    at: datetime
    actor_id: str | None
    actor_role: ActorRole
    actor_name: str
    action: str
    patient_id: str | None
    outcome: Outcome
    source: str
    detail: str
    sealed: bool = Field(description="The detail was removed by an erasure; its digest remains.")
    prev_hash: str
    row_hash: str


class ChainReport(BaseModel):
    """The result of checking the whole chain: ok, or the first row that does not fit."""

    model_config = ConfigDict(frozen=True)

    ok: bool
    rows_checked: int
    head_hash: str
    first_bad_seq: int | None = None
    problem: str = ""


class AccessSummary(BaseModel):
    """What the person sees: who touched their record, how, how often, first and last time."""

    model_config = ConfigDict(frozen=True)

    actor_id: str | None
    actor_role: ActorRole
    actor_name: str
    action: str
    outcome: Outcome
    times: int
    first_at: datetime
    last_at: datetime

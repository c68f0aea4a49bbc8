"""The one authorization policy: ``can(actor, action, record)``, pure and total.

Every API route, page and command asks ``decide`` (through backcare.access.service); nothing
else decides who may do what. The facts it needs (who the actor is, whether the person gave
this clinician access, whether this admin has broken the glass) are loaded by the caller and
passed in, so the policy reads no database and no clock.

A record the actor may not see is NOT_FOUND, exactly like a record that does not exist, so a
wrong guess tells nothing. FORBIDDEN is only for a record the actor can see but may not do this
to (a read-only token writing, a clinician erasing).

Exports (every format) are the person's, and a clinician's whose care access the person gave
for the whole record. A person may instead share their plan and progress only: that clinician
reads the plan, its versions and its change history, the progress (pain, PEG, PSFS, sessions
against the plan), the alerts (and works them), the team, messages with the person, and
confirms "I have been seen"; besides the person's name, nothing else: not the intake answers
or preferences, the check-ins (their free text and warning answers), the session logs, the
measures as entered, the clinical notes or the exports. Every other action on the record is
FORBIDDEN to them, so a page or route added later is closed to them by default; and where a
shared answer lists several records, ``sees_whole_record`` says what of each it may show.

Importing a FHIR Bundle names a record or not: into a record it is a
write (the person's own, a clinician's in their care, never an admin's); as a new record it is
a creation (a clinician's or the command line's; a person has their one record already).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from backcare.accounts.vocabulary import Role, Scope


class Action(StrEnum):
    """What an actor asks to do; record actions name a record, the others do not."""

    READ = "record.read"
    WRITE = "record.write"
    EXPORT = "record.export"
    ERASE = "record.erase"
    ACCESS_LOG = "record.access_log"
    BREAK_GLASS = "record.break_glass"
    CREATE = "record.create"
    ASSESS = "record.assess"
    """The intake wizard: a person re-assesses their own record, a clinician makes a new one."""
    IMPORT = "record.import"
    """A FHIR Bundle: as a new assessment of the record named, or as a new record."""
    LIST = "records.list"
    ACCOUNT_READ = "account.read"
    ACCOUNT_CHANGE = "account.change"
    MANAGE_ACCOUNTS = "accounts.manage"
    PLAN_EDIT = "record.plan_edit"
    """A clinician in the person's care changes the plan (a new version, with a reason)."""
    NOTE_READ = "record.note_read"
    """Clinical notes: the person reads those meant for them, the team those meant for it."""
    NOTE_WRITE = "record.note_write"
    """A clinician writes, signs or amends (addendum) a clinical note."""
    MESSAGE_READ = "record.message_read"
    """Message threads between the person and their team: read them, mark them read."""
    MESSAGE_SEND = "record.message_send"
    """Start a thread or reply in one."""
    # The care team (backcare.team): consent, alerts, leaving a safety plan, the caseload.
    PLAN_READ = "record.plan_read"
    """The plan, its versions and the progress: what "plan and progress only" shares."""
    TEAM_READ = "record.team_read"
    """Who is in the person's care team, what each may see, and lead hand-overs."""
    TEAM_MANAGE = "record.team_manage"
    """Invite a clinician, revoke one, choose the lead: the person's own consent."""
    LEAD_HANDOVER = "record.lead_handover"
    """Offer, accept or decline the lead role (the use case checks who may do which)."""
    ALERT_HANDLE = "record.alert_handle"
    """Acknowledge or resolve an alert: a clinician in the team."""
    SEEN_REPORT = "record.seen_report"
    """The person says a doctor has seen them, to leave the emergency or urgent plan."""
    SEEN_CONFIRM = "record.seen_confirm"
    """A clinician in the team confirms (or declines) that report, with a reason."""
    INVITE_REDEEM = "team.invite_redeem"
    """A clinician redeems an invitation code (the code, not the path, names the record)."""
    CASELOAD = "team.caseload"
    """A clinician's dashboard of the people whose care they are in."""
    MANAGE_CLINICS = "clinics.manage"
    """Create clinics and add clinicians to them."""
    # The weekly case review (backcare.case_review): meetings of a clinic or of one person's team.
    CASE_REVIEWS = "case_reviews.read"
    """The case-review meetings a clinician may attend: agendas, attendees, minutes."""
    CASE_REVIEW_RUN = "case_reviews.run"
    """Open a meeting, keep its attendees and minutes, close it, amend it by addendum."""
    CASE_SUMMARY = "record.case_summary"
    """A person's one-page case-review summary (notes only where the share opens them)."""
    CASE_DECIDE = "record.case_decide"
    """Bring a person to a meeting's agenda, record a decision about their care."""
    CASE_DECISIONS = "record.case_decisions"
    """The case-review decisions addressed to the person."""
    # Referrals and appointments (backcare.referrals, backcare.appointments).
    REFERRAL_READ = "record.referral_read"
    """The person's referrals and each step taken on them."""
    REFERRAL_CREATE = "record.referral_create"
    """Refer the person on: the person, or a clinician the person shares more than the plan with."""
    REFERRAL_UPDATE = "record.referral_update"
    """Take a step on a referral or counter-refer (the transition table says which party may)."""
    APPOINTMENT_READ = "record.appointment_read"
    """The person's appointments, and each as an iCalendar file."""
    APPOINTMENT_PROPOSE = "record.appointment_propose"
    """A clinician in the team proposes one or more times."""
    APPOINTMENT_ANSWER = "record.appointment_answer"
    """The person accepts one of the proposed times, or declines them."""
    APPOINTMENT_CANCEL = "record.appointment_cancel"
    """Either side cancels (the person, or the clinician whose appointment it is)."""


class Outcome(StrEnum):
    """The policy's answer; the web maps these to 200, 401, 403 and 404."""

    ALLOWED = "allowed"
    UNAUTHENTICATED = "unauthenticated"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"


class Kind(StrEnum):
    """Who is acting: an account of a role, or the operating-system user at the command line."""

    PERSON = Role.PERSON.value
    CLINICIAN = Role.CLINICIAN.value
    ADMIN = Role.ADMIN.value
    OPERATOR = "operator"
    """The command line: whoever can run it can already read the database file itself."""


RECORD_ACTIONS = frozenset(
    {
        Action.READ,
        Action.WRITE,
        Action.EXPORT,
        Action.ERASE,
        Action.ACCESS_LOG,
        Action.BREAK_GLASS,
        Action.IMPORT,
        Action.PLAN_EDIT,
        Action.NOTE_READ,
        Action.NOTE_WRITE,
        Action.MESSAGE_READ,
        Action.MESSAGE_SEND,
        Action.PLAN_READ,
        Action.TEAM_READ,
        Action.TEAM_MANAGE,
        Action.LEAD_HANDOVER,
        Action.ALERT_HANDLE,
        Action.SEEN_REPORT,
        Action.SEEN_CONFIRM,
        Action.CASE_SUMMARY,
        Action.CASE_DECIDE,
        Action.CASE_DECISIONS,
        Action.REFERRAL_READ,
        Action.REFERRAL_CREATE,
        Action.REFERRAL_UPDATE,
        Action.APPOINTMENT_READ,
        Action.APPOINTMENT_PROPOSE,
        Action.APPOINTMENT_ANSWER,
        Action.APPOINTMENT_CANCEL,
    }
)
OPTIONAL_RECORD = frozenset({Action.IMPORT})
"""Record actions that may also name no record (an import as a new record)."""
WRITES = frozenset(
    {
        Action.WRITE,
        Action.IMPORT,
        Action.ERASE,
        Action.BREAK_GLASS,
        Action.CREATE,
        Action.ASSESS,
        Action.ACCOUNT_CHANGE,
        Action.MANAGE_ACCOUNTS,
        Action.PLAN_EDIT,
        Action.NOTE_WRITE,
        Action.MESSAGE_SEND,
        Action.TEAM_MANAGE,
        Action.LEAD_HANDOVER,
        Action.ALERT_HANDLE,
        Action.SEEN_REPORT,
        Action.SEEN_CONFIRM,
        Action.INVITE_REDEEM,
        Action.MANAGE_CLINICS,
        Action.CASE_REVIEW_RUN,
        Action.CASE_DECIDE,
        Action.REFERRAL_CREATE,
        Action.REFERRAL_UPDATE,
        Action.APPOINTMENT_PROPOSE,
        Action.APPOINTMENT_ANSWER,
        Action.APPOINTMENT_CANCEL,
    }
)
"""Actions a read-scoped API token may not take."""
CONVERSATION = frozenset({Action.NOTE_READ, Action.MESSAGE_READ, Action.MESSAGE_SEND})
"""What the person and their team share: notes meant for them, and messages to each other."""
CLINICAL_AUTHORSHIP = frozenset({Action.PLAN_EDIT, Action.NOTE_WRITE})
"""What only a clinician in the person's care writes: plan changes and clinical notes."""
IN_THE_TEAM = frozenset(
    {
        Action.PLAN_READ,
        Action.PLAN_EDIT,
        Action.TEAM_READ,
        Action.LEAD_HANDOVER,
        Action.ALERT_HANDLE,
        Action.SEEN_CONFIRM,
        Action.MESSAGE_READ,
        Action.MESSAGE_SEND,
        Action.CASE_SUMMARY,
        Action.CASE_DECIDE,
        Action.CASE_DECISIONS,
        Action.REFERRAL_READ,
        Action.REFERRAL_UPDATE,
        Action.APPOINTMENT_READ,
        Action.APPOINTMENT_PROPOSE,
        Action.APPOINTMENT_CANCEL,
    }
)
"""What every clinician in the person's care team may do, whatever the person shares: the one
shared plan, messages with the person, the referrals (the plan holds them) and appointments.
Clinical notes (which may hold answers from the intake) need a share wider than the plan and
progress, and so does referring the person on: a referral passes the person to someone else
with a clinician's reasons, which is more than the plan and progress the person shared."""
WITH_PLAN_AND_PROGRESS_CONSENT = IN_THE_TEAM
"""All a clinician may do when the person shares their plan and progress only."""
ON_A_VISIBLE_RECORD: dict[Kind, frozenset[Action]] = {
    Kind.PERSON: frozenset(
        {
            Action.READ,
            Action.WRITE,
            Action.IMPORT,
            Action.EXPORT,
            Action.ERASE,
            Action.ACCESS_LOG,
            Action.PLAN_READ,
            Action.TEAM_READ,
            Action.TEAM_MANAGE,
            Action.LEAD_HANDOVER,
            Action.SEEN_REPORT,
            Action.CASE_DECISIONS,
            Action.REFERRAL_READ,
            Action.REFERRAL_CREATE,
            Action.REFERRAL_UPDATE,
            Action.APPOINTMENT_READ,
            Action.APPOINTMENT_ANSWER,
            Action.APPOINTMENT_CANCEL,
        }
    )
    | CONVERSATION,
    Kind.CLINICIAN: frozenset({Action.READ, Action.WRITE, Action.IMPORT, Action.REFERRAL_CREATE})
    | IN_THE_TEAM
    | CONVERSATION
    | CLINICAL_AUTHORSHIP,
    # Break-glass is for reading in an emergency, never for changing what the team wrote; notes
    # and messages are between the person and their team, so break-glass does not open them.
    Kind.ADMIN: frozenset({Action.READ, Action.PLAN_READ}),
    Kind.OPERATOR: RECORD_ACTIONS - {Action.BREAK_GLASS},
}
WITH_WHOLE_RECORD_CONSENT = frozenset({Action.EXPORT})
"""What a clinician may do besides, when the person's care access covers the whole record."""
WITHOUT_A_RECORD: dict[Kind, frozenset[Action]] = {
    Kind.PERSON: frozenset(
        {Action.LIST, Action.ASSESS, Action.ACCOUNT_READ, Action.ACCOUNT_CHANGE}
    ),
    Kind.CLINICIAN: frozenset(
        {
            Action.LIST,
            Action.CREATE,
            Action.ASSESS,
            Action.IMPORT,
            Action.ACCOUNT_READ,
            Action.ACCOUNT_CHANGE,
            Action.INVITE_REDEEM,
            Action.CASELOAD,
            Action.CASE_REVIEWS,
            Action.CASE_REVIEW_RUN,
        }
    ),
    Kind.ADMIN: frozenset(
        {
            Action.LIST,
            Action.ACCOUNT_READ,
            Action.ACCOUNT_CHANGE,
            Action.MANAGE_ACCOUNTS,
            Action.MANAGE_CLINICS,
        }
    ),
    Kind.OPERATOR: frozenset(
        {Action.LIST, Action.CREATE, Action.IMPORT, Action.MANAGE_ACCOUNTS, Action.MANAGE_CLINICS}
    ),
}
SECOND_FACTOR_SETUP = frozenset({Action.ACCOUNT_READ, Action.ACCOUNT_CHANGE})
"""All a staff account may do before it sets up the second factor its settings require."""


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is asking, as far as the policy needs to know."""

    kind: Kind
    name: str
    account_id: str | None = None
    patient_id: str | None = None
    """A person's own record."""
    scopes: frozenset[Scope] = frozenset(Scope)
    """What the credential allows: a session and the command line have both scopes."""
    second_factor_missing: bool = False
    """The settings require TOTP for this role and the account has not set it up."""


@dataclass(frozen=True, slots=True)
class RecordFacts:
    """What the store says about this actor and one record."""

    patient_id: str
    care_access: bool = False
    """A current grant from the person to this clinician."""
    whole_record: bool = False
    """That grant covers the whole record: the clinician may export it too."""
    plan_and_progress_only: bool = False
    """That grant shares the plan and progress only (WITH_PLAN_AND_PROGRESS_CONSENT)."""
    break_glass: bool = False
    """This admin's break-glass on the record has not expired."""


def decide(actor: Actor | None, action: Action, record: RecordFacts | None = None) -> Outcome:
    """The outcome of ``actor`` asking to do ``action`` (to ``record`` for record actions)."""
    if actor is None:
        return Outcome.UNAUTHENTICATED
    if actor.second_factor_missing and action not in SECOND_FACTOR_SETUP:
        return Outcome.FORBIDDEN
    if action in RECORD_ACTIONS and not (record is None and action in OPTIONAL_RECORD):
        if record is None:
            raise ValueError(f"{action} needs a record")
        return _on_record(actor, action, record)
    if action not in WITHOUT_A_RECORD[actor.kind]:
        return Outcome.FORBIDDEN
    return _scoped(actor, action)


@dataclass(frozen=True, slots=True)
class MeetingFacts:
    """What the store says about this actor and one case-review meeting."""

    clinic_member: bool = False
    """The meeting is a clinic's, and the actor belongs to that clinic."""
    in_the_team: bool = False
    """The meeting is one person's care team's, and the actor is in that team now."""


def decide_meeting(actor: Actor | None, action: Action, meeting: MeetingFacts) -> Outcome:
    """The outcome of ``actor`` asking to do ``action`` to a case-review meeting.

    Only its clinic's clinicians, or the person's care team, may see a meeting at all; to
    anyone else it does not exist (NOT_FOUND). What the meeting shows of each person is then
    decided record by record (CASE_SUMMARY, CASE_DECIDE), so a colleague's people stay unseen.
    """
    outcome = decide(actor, action)
    if outcome is not Outcome.ALLOWED:
        return outcome
    return Outcome.ALLOWED if meeting.clinic_member or meeting.in_the_team else Outcome.NOT_FOUND


def can(actor: Actor | None, action: Action, record: RecordFacts | None = None) -> bool:
    """Whether ``actor`` may do ``action`` (to ``record``)."""
    return decide(actor, action, record) is Outcome.ALLOWED


def sees(actor: Actor, record: RecordFacts) -> bool:
    """Whether the record exists for this actor at all."""
    match actor.kind:
        case Kind.PERSON:
            return actor.patient_id == record.patient_id
        case Kind.CLINICIAN:
            return record.care_access
        case Kind.ADMIN:
            return record.break_glass
        case Kind.OPERATOR:
            return True


def _on_record(actor: Actor, action: Action, record: RecordFacts) -> Outcome:
    if action is Action.BREAK_GLASS:
        # An admin breaks the glass on a record they cannot see yet; nobody else ever does
        # (a refusal for the role, the same whatever the record, so it reveals nothing).
        return _scoped(actor, action) if actor.kind is Kind.ADMIN else Outcome.FORBIDDEN
    if not sees(actor, record):
        return Outcome.NOT_FOUND
    if action not in allowed_on(actor, record):
        return Outcome.FORBIDDEN
    return _scoped(actor, action)


def sees_whole_record(actor: Actor, record: RecordFacts) -> bool:
    """Whether the actor reads the whole record (may READ it), not the plan and progress only:
    what a list of records or a page shows of each record follows this."""
    return decide(actor, Action.READ, record) is Outcome.ALLOWED


def actions_on(actor: Actor, record: RecordFacts) -> frozenset[Action]:
    """Every record action the actor may take on this record now (a page offers only these)."""
    return frozenset(
        action
        for action in RECORD_ACTIONS
        if action is not Action.BREAK_GLASS and decide(actor, action, record) is Outcome.ALLOWED
    )


def allowed_on(actor: Actor, record: RecordFacts) -> frozenset[Action]:
    """The record actions the actor's kind may take on a record they see (scope aside)."""
    allowed = ON_A_VISIBLE_RECORD[actor.kind]
    if actor.kind is Kind.CLINICIAN and record.plan_and_progress_only:
        return WITH_PLAN_AND_PROGRESS_CONSENT
    if actor.kind is Kind.CLINICIAN and record.whole_record:
        return allowed | WITH_WHOLE_RECORD_CONSENT
    return allowed


def _scoped(actor: Actor, action: Action) -> Outcome:
    if action in WRITES and Scope.WRITE not in actor.scopes:
        return Outcome.FORBIDDEN
    return Outcome.ALLOWED

"""The one policy, as a pure function: who may do what to which record."""

from __future__ import annotations

import pytest

from backcare.access.policy import (
    RECORD_ACTIONS,
    WITH_PLAN_AND_PROGRESS_CONSENT,
    Action,
    Actor,
    Kind,
    Outcome,
    RecordFacts,
    can,
    decide,
)
from backcare.accounts.vocabulary import Scope

OWN = RecordFacts(patient_id="a" * 32)
OTHER = RecordFacts(patient_id="b" * 32)
PERSON = Actor(kind=Kind.PERSON, name="ann", account_id="1", patient_id=OWN.patient_id)
CLINICIAN = Actor(kind=Kind.CLINICIAN, name="carer", account_id="2")
ADMIN = Actor(kind=Kind.ADMIN, name="root", account_id="3")
OPERATOR = Actor(kind=Kind.OPERATOR, name="os-user")


def test_nobody_signed_in_is_unauthenticated_for_everything() -> None:
    for action in Action:
        record = OWN if action.value.startswith("record.") else None
        assert decide(None, action, record) is Outcome.UNAUTHENTICATED


def test_a_person_reaches_their_own_record_and_nobody_elses() -> None:
    for action in (Action.READ, Action.WRITE, Action.EXPORT, Action.ERASE, Action.ACCESS_LOG):
        assert can(PERSON, action, OWN)
        assert decide(PERSON, action, OTHER) is Outcome.NOT_FOUND


def test_a_clinician_reaches_only_records_opened_to_them() -> None:
    opened = RecordFacts(patient_id=OTHER.patient_id, care_access=True)
    assert can(CLINICIAN, Action.READ, opened)
    assert can(CLINICIAN, Action.WRITE, opened)
    assert decide(CLINICIAN, Action.READ, OTHER) is Outcome.NOT_FOUND
    assert decide(CLINICIAN, Action.ERASE, opened) is Outcome.FORBIDDEN
    assert decide(CLINICIAN, Action.EXPORT, opened) is Outcome.FORBIDDEN


def test_an_admin_sees_no_clinical_content_without_break_glass() -> None:
    assert decide(ADMIN, Action.READ, OWN) is Outcome.NOT_FOUND
    glass = RecordFacts(patient_id=OWN.patient_id, break_glass=True)
    assert can(ADMIN, Action.READ, glass)
    assert decide(ADMIN, Action.WRITE, glass) is Outcome.FORBIDDEN
    assert can(ADMIN, Action.BREAK_GLASS, OWN)
    assert can(ADMIN, Action.MANAGE_ACCOUNTS)


def test_only_an_admin_breaks_the_glass() -> None:
    for actor in (PERSON, CLINICIAN, OPERATOR):
        assert decide(actor, Action.BREAK_GLASS, OWN) is Outcome.FORBIDDEN


def test_a_read_token_cannot_write_even_its_own_record() -> None:
    reader = Actor(
        kind=Kind.PERSON, name="ann", patient_id=OWN.patient_id, scopes=frozenset({Scope.READ})
    )
    assert can(reader, Action.READ, OWN)
    assert decide(reader, Action.WRITE, OWN) is Outcome.FORBIDDEN
    assert decide(reader, Action.WRITE, OTHER) is Outcome.NOT_FOUND


def test_a_staff_account_without_its_required_second_factor_may_only_set_it_up() -> None:
    pending = Actor(kind=Kind.CLINICIAN, name="carer", second_factor_missing=True)
    opened = RecordFacts(patient_id=OWN.patient_id, care_access=True)
    assert decide(pending, Action.READ, opened) is Outcome.FORBIDDEN
    assert can(pending, Action.ACCOUNT_CHANGE)


@pytest.mark.parametrize(
    ("actor", "allowed"),
    [(PERSON, False), (CLINICIAN, True), (ADMIN, False), (OPERATOR, True)],
)
def test_who_may_create_a_record(actor: Actor, allowed: bool) -> None:
    assert can(actor, Action.CREATE) is allowed


def test_the_command_line_user_may_act_on_any_record() -> None:
    for action in (Action.READ, Action.WRITE, Action.EXPORT, Action.ERASE):
        assert can(OPERATOR, action, OTHER)


def test_a_record_action_without_a_record_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="needs a record"):
        decide(PERSON, Action.READ)


def test_a_clinician_exports_only_with_the_persons_consent_to_the_whole_record() -> None:
    care = RecordFacts(patient_id=OTHER.patient_id, care_access=True)
    whole = RecordFacts(patient_id=OTHER.patient_id, care_access=True, whole_record=True)
    assert decide(CLINICIAN, Action.EXPORT, care) is Outcome.FORBIDDEN
    assert can(CLINICIAN, Action.EXPORT, whole)
    # Whole-record consent adds the export and nothing else: erasing stays the person's.
    assert decide(CLINICIAN, Action.ERASE, whole) is Outcome.FORBIDDEN
    assert decide(CLINICIAN, Action.ACCESS_LOG, whole) is Outcome.FORBIDDEN
    # And it is no way in by itself: without care access the record is not there.
    stray = RecordFacts(patient_id=OTHER.patient_id, whole_record=True)
    assert decide(CLINICIAN, Action.EXPORT, stray) is Outcome.NOT_FOUND


def test_an_admin_under_break_glass_never_exports() -> None:
    glass = RecordFacts(patient_id=OWN.patient_id, break_glass=True, whole_record=True)
    assert decide(ADMIN, Action.EXPORT, glass) is Outcome.FORBIDDEN


def test_importing_into_a_record_is_a_write_on_it() -> None:
    care = RecordFacts(patient_id=OTHER.patient_id, care_access=True)
    glass = RecordFacts(patient_id=OWN.patient_id, break_glass=True)
    assert can(PERSON, Action.IMPORT, OWN)
    assert decide(PERSON, Action.IMPORT, OTHER) is Outcome.NOT_FOUND
    assert can(CLINICIAN, Action.IMPORT, care)
    assert decide(CLINICIAN, Action.IMPORT, OTHER) is Outcome.NOT_FOUND
    assert decide(ADMIN, Action.IMPORT, glass) is Outcome.FORBIDDEN
    assert can(OPERATOR, Action.IMPORT, OTHER)
    reader = Actor(
        kind=Kind.PERSON, name="ann", patient_id=OWN.patient_id, scopes=frozenset({Scope.READ})
    )
    assert decide(reader, Action.IMPORT, OWN) is Outcome.FORBIDDEN


@pytest.mark.parametrize(
    ("actor", "allowed"),
    [(PERSON, False), (CLINICIAN, True), (ADMIN, False), (OPERATOR, True)],
)
def test_who_may_import_a_bundle_as_a_new_record(actor: Actor, allowed: bool) -> None:
    # A person has their one record already; an admin holds no clinical content.
    assert can(actor, Action.IMPORT) is allowed


CARE = RecordFacts(patient_id=OTHER.patient_id, care_access=True)
AUTHORSHIP = (Action.PLAN_EDIT, Action.NOTE_WRITE)
CONVERSATION = (Action.NOTE_READ, Action.MESSAGE_READ, Action.MESSAGE_SEND)


@pytest.mark.parametrize("action", AUTHORSHIP)
def test_only_a_clinician_in_the_persons_care_edits_the_plan_or_writes_notes(
    action: Action,
) -> None:
    assert can(CLINICIAN, action, CARE)
    assert decide(CLINICIAN, action, OTHER) is Outcome.NOT_FOUND
    assert decide(PERSON, action, OWN) is Outcome.FORBIDDEN
    assert decide(PERSON, action, OTHER) is Outcome.NOT_FOUND
    glass = RecordFacts(patient_id=OWN.patient_id, break_glass=True)
    assert decide(ADMIN, action, glass) is Outcome.FORBIDDEN
    assert decide(ADMIN, action, OWN) is Outcome.NOT_FOUND


@pytest.mark.parametrize("action", CONVERSATION)
def test_notes_and_messages_are_between_the_person_and_their_team(action: Action) -> None:
    assert can(PERSON, action, OWN)
    assert decide(PERSON, action, OTHER) is Outcome.NOT_FOUND
    assert can(CLINICIAN, action, CARE)
    assert decide(CLINICIAN, action, OTHER) is Outcome.NOT_FOUND
    # Break-glass opens a record to read in an emergency, not the team's conversation with it.
    glass = RecordFacts(patient_id=OWN.patient_id, break_glass=True)
    assert decide(ADMIN, action, glass) is Outcome.FORBIDDEN


@pytest.mark.parametrize("action", [*AUTHORSHIP, Action.MESSAGE_SEND])
def test_a_read_token_neither_edits_the_plan_nor_writes_notes_or_messages(
    action: Action,
) -> None:
    reader = Actor(kind=Kind.CLINICIAN, name="carer", scopes=frozenset({Scope.READ}))
    assert decide(reader, action, CARE) is Outcome.FORBIDDEN


def test_a_read_token_still_reads_notes_and_messages() -> None:
    reader = Actor(kind=Kind.CLINICIAN, name="carer", scopes=frozenset({Scope.READ}))
    assert can(reader, Action.NOTE_READ, CARE)
    assert can(reader, Action.MESSAGE_READ, CARE)


PLAN_ONLY = RecordFacts(patient_id=OTHER.patient_id, care_access=True, plan_and_progress_only=True)


def test_plan_and_progress_only_opens_the_plan_the_alerts_and_nothing_else() -> None:
    for action in (
        Action.PLAN_READ,
        Action.TEAM_READ,
        Action.ALERT_HANDLE,
        Action.SEEN_CONFIRM,
        Action.LEAD_HANDOVER,
        Action.PLAN_EDIT,
        Action.MESSAGE_READ,
        Action.MESSAGE_SEND,
    ):
        assert can(CLINICIAN, action, PLAN_ONLY), action
    # Clinical notes may quote the intake answers: they need more than the plan shared.
    for action in (Action.NOTE_READ, Action.NOTE_WRITE):
        assert decide(CLINICIAN, action, PLAN_ONLY) is Outcome.FORBIDDEN, action
    for action in (Action.READ, Action.WRITE, Action.IMPORT, Action.EXPORT, Action.ERASE):
        assert decide(CLINICIAN, action, PLAN_ONLY) is Outcome.FORBIDDEN, action


def test_an_action_added_later_is_closed_to_a_plan_only_clinician_by_default() -> None:
    # Whatever record action is not in the plan-and-progress set is refused to them.
    for action in RECORD_ACTIONS - WITH_PLAN_AND_PROGRESS_CONSENT - {Action.BREAK_GLASS}:
        assert decide(CLINICIAN, action, PLAN_ONLY) is Outcome.FORBIDDEN, action


def test_only_the_person_manages_their_team_and_reports_being_seen() -> None:
    for action in (Action.TEAM_MANAGE, Action.SEEN_REPORT):
        assert can(PERSON, action, OWN)
        assert decide(PERSON, action, OTHER) is Outcome.NOT_FOUND
        assert decide(CLINICIAN, action, CARE) is Outcome.FORBIDDEN
    assert decide(PERSON, Action.ALERT_HANDLE, OWN) is Outcome.FORBIDDEN
    assert decide(PERSON, Action.SEEN_CONFIRM, OWN) is Outcome.FORBIDDEN


def test_a_clinician_outside_the_team_sees_nothing_of_it() -> None:
    for action in (Action.PLAN_READ, Action.TEAM_READ, Action.ALERT_HANDLE, Action.SEEN_CONFIRM):
        assert decide(CLINICIAN, action, OTHER) is Outcome.NOT_FOUND


def test_invitations_and_the_caseload_are_clinicians_and_clinics_admins() -> None:
    for action in (Action.INVITE_REDEEM, Action.CASELOAD):
        assert can(CLINICIAN, action)
        assert decide(PERSON, action) is Outcome.FORBIDDEN
        assert decide(ADMIN, action) is Outcome.FORBIDDEN
    assert can(ADMIN, Action.MANAGE_CLINICS)
    assert can(OPERATOR, Action.MANAGE_CLINICS)
    assert decide(CLINICIAN, Action.MANAGE_CLINICS) is Outcome.FORBIDDEN


def test_a_read_token_cannot_work_the_team() -> None:
    reader = Actor(kind=Kind.CLINICIAN, name="carer", scopes=frozenset({Scope.READ}))
    assert can(reader, Action.PLAN_READ, CARE)
    for action in (Action.ALERT_HANDLE, Action.SEEN_CONFIRM, Action.LEAD_HANDOVER):
        assert decide(reader, action, CARE) is Outcome.FORBIDDEN
    assert decide(reader, Action.INVITE_REDEEM) is Outcome.FORBIDDEN

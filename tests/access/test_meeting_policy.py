"""The policy's answer about case-review meetings, as a pure function."""

from __future__ import annotations

import pytest

from backcare.access.policy import (
    Action,
    Actor,
    Kind,
    MeetingFacts,
    Outcome,
    RecordFacts,
    decide,
    decide_meeting,
)
from backcare.accounts.vocabulary import Scope

CLINICIAN = Actor(kind=Kind.CLINICIAN, name="carer", account_id="2")
READER = Actor(kind=Kind.CLINICIAN, name="carer", account_id="2", scopes=frozenset({Scope.READ}))
PERSON = Actor(kind=Kind.PERSON, name="ann", account_id="1", patient_id="a" * 32)
ADMIN = Actor(kind=Kind.ADMIN, name="root", account_id="3")
CLINIC = MeetingFacts(clinic_member=True)
TEAM = MeetingFacts(in_the_team=True)
STRANGER = MeetingFacts()


@pytest.mark.parametrize("facts", [CLINIC, TEAM])
def test_a_clinician_of_the_clinic_or_the_team_attends(facts: MeetingFacts) -> None:
    for action in (Action.CASE_REVIEWS, Action.CASE_REVIEW_RUN):
        assert decide_meeting(CLINICIAN, action, facts) is Outcome.ALLOWED


def test_a_meeting_of_a_clinic_or_team_one_is_not_in_does_not_exist_for_them() -> None:
    assert decide_meeting(CLINICIAN, Action.CASE_REVIEWS, STRANGER) is Outcome.NOT_FOUND


def test_people_and_admins_never_reach_a_meeting() -> None:
    for actor in (PERSON, ADMIN):
        assert decide_meeting(actor, Action.CASE_REVIEWS, CLINIC) is Outcome.FORBIDDEN


def test_a_read_token_reads_a_meeting_but_does_not_run_it() -> None:
    assert decide_meeting(READER, Action.CASE_REVIEWS, CLINIC) is Outcome.ALLOWED
    assert decide_meeting(READER, Action.CASE_REVIEW_RUN, CLINIC) is Outcome.FORBIDDEN
    facts = RecordFacts(patient_id="a" * 32, care_access=True)
    assert decide(READER, Action.CASE_DECIDE, facts) is Outcome.FORBIDDEN


def test_a_plan_only_share_opens_the_summary_but_not_the_notes_in_it() -> None:
    facts = RecordFacts(patient_id="a" * 32, care_access=True, plan_and_progress_only=True)
    assert decide(CLINICIAN, Action.CASE_SUMMARY, facts) is Outcome.ALLOWED
    assert decide(CLINICIAN, Action.NOTE_READ, facts) is Outcome.FORBIDDEN


def test_the_person_reads_their_decisions_and_nothing_else_of_the_review() -> None:
    own = RecordFacts(patient_id="a" * 32)
    assert decide(PERSON, Action.CASE_DECISIONS, own) is Outcome.ALLOWED
    for action in (Action.CASE_SUMMARY, Action.CASE_DECIDE):
        assert decide(PERSON, action, own) is Outcome.FORBIDDEN

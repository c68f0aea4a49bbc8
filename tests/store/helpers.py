"""Small helpers shared by the store tests."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session
from typer.testing import Result

from backcare.access.actors import operator
from backcare.access.break_glass import BreakGlassCreate, open_record
from backcare.access.grants import grant
from backcare.access.policy import Actor, Kind
from backcare.accounts.schemas import AccountCreate
from backcare.accounts.service import create_account, require_account
from backcare.accounts.vocabulary import Profession, Role
from backcare.appointments.models import Appointment, AppointmentTime
from backcare.assessments.models import Assessment
from backcare.assessments.repository import add_assessment
from backcare.assessments.schemas import PlanVersionCreate
from backcare.assessments.service import add_plan_version
from backcare.case_review.models import CaseReview, CaseReviewDecision, CaseReviewItem
from backcare.domain.plan_model import Plan
from backcare.jobs.models import ReviewRun
from backcare.messages.schemas import ThreadCreate
from backcare.messages.service import start_thread
from backcare.notes.schemas import NoteCreate
from backcare.notes.service import write_note
from backcare.notes.vocabulary import NoteKind, Visibility
from backcare.offline.models import IdempotentRequest
from backcare.plan_edits.models import CustomExercise, PlanEdit
from backcare.records.research_consent import ResearchConsent
from backcare.referrals.models import Referral, ReferralEvent
from backcare.seen.models import AssessedHistoryFlag, SeenReport
from backcare.seen.vocabulary import ReportStatus, SeenBy, SeenOutcome
from backcare.store.db import read_only
from backcare.store.metadata import load_metadata
from backcare.store.types import utcnow
from backcare.team.imported_models import ImportedTeamMember
from backcare.team.models import LeadHandover, TeamInvite
from backcare.team.vocabulary import Share
from backcare.tracking.schemas import (
    AlertCreate,
    CheckInCreate,
    MeasureCreate,
    Nprs,
    SessionLogCreate,
)
from backcare.tracking.service import raise_alert, record_checkin, record_measure, record_session
from backcare.tracking.vocabulary import AlertKind

DAY = dt.date(2024, 5, 1)
Cli = Callable[..., Result]
"""Runs ``backcare`` with the given arguments against the test database (the ``cli`` fixture)."""


def count_rows(engine: Engine, table: str) -> int:
    """Rows in one table, read in a fresh transaction (so only committed rows count)."""
    with read_only(engine) as session:
        return int(session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def patient_tables() -> list[str]:
    """Every table that holds a patient's data (has a patient_id column), plus patients."""
    tables = load_metadata().sorted_tables
    return ["patients"] + [t.name for t in tables if "patient_id" in t.c]


def row_counts(engine: Engine) -> dict[str, int]:
    """Rows about a patient in every patient table (a clinician's or admin's account is not)."""
    with read_only(engine) as session:
        return {
            table: int(session.execute(text(f"SELECT count(*) FROM {table} {_OWNED}")).scalar_one())
            if table != "patients"
            else count_rows(engine, table)
            for table in patient_tables()
        }


_OWNED = "WHERE patient_id IS NOT NULL"


def give_history(session: Session, patient_id: str, plan: Plan) -> None:
    """Exactly one row in every patient table."""
    # Assessed on DAY, so the record begins then and the check-in of DAY is accepted.
    snapshot = Assessment(
        patient_id=patient_id,
        intake={},
        triage={},
        classification={},
        knowledge_version="t",
        created_at=dt.datetime.combine(DAY, dt.time(9), dt.UTC),
    )
    assessment = add_assessment(session, snapshot)
    data = PlanVersionCreate(
        plan=plan, created_by="test", reason="history", assessment_id=assessment.id
    )
    add_plan_version(session, patient_id=patient_id, data=data)
    data = CheckInCreate(date=DAY, pain_now=4)
    record_checkin(session, patient_id=patient_id, data=data, today=dt.date.today())
    measure = MeasureCreate(date=DAY, value=Nprs(score=4))
    record_measure(session, patient_id=patient_id, data=measure, today=DAY)
    raise_alert(session, patient_id=patient_id, data=AlertCreate(kind=AlertKind.pain_worsening))
    log = SessionLogCreate(date=DAY, item_id=plan.items[0].id, duration_seconds=60, felt=6)
    record_session(session, patient_id=patient_id, data=log)
    give_kept_history(session, patient_id)
    give_access_history(session, patient_id)
    give_care_team_history(session, patient_id)
    give_team_history(session, patient_id)
    give_case_review_history(session, patient_id)
    give_referral_history(session, patient_id)
    give_records_history(session, patient_id)


def give_records_history(session: Session, patient_id: str) -> None:
    """A care team member brought in by an import, and consent to the clinic's export."""
    session.add(
        ImportedTeamMember(patient_id=patient_id, team=1, team_status="active", name="Imported")
    )
    session.add(ResearchConsent(patient_id=patient_id, given_by="p"))
    session.flush()


def give_referral_history(session: Session, patient_id: str) -> None:
    """A referral with its first step, an appointment offered at one time by the clinician of
    give_access_history, and a history red flag a doctor assessed."""
    carer = require_account(session, username=f"c-{patient_id[:8]}")
    referral = Referral(
        patient_id=patient_id, profession="physiotherapist", reason="r", referred_by_name="c"
    )
    session.add(referral)
    session.flush()
    session.add(
        ReferralEvent(
            referral_id=referral.id, patient_id=patient_id, status="requested", actor_name="c"
        )
    )
    appointment = Appointment(
        uid=f"{patient_id}@test",
        patient_id=patient_id,
        clinician_id=carer.id,
        clinician_name=carer.username,
        mode="in_person",
        place="Clinic",
    )
    session.add(appointment)
    session.flush()
    starts = dt.datetime.combine(DAY, dt.time(10), dt.UTC)
    session.add(
        AppointmentTime(
            appointment_id=appointment.id,
            patient_id=patient_id,
            clinician_id=carer.id,
            starts_at=starts,
            ends_at=starts + dt.timedelta(minutes=30),
        )
    )
    session.add(
        AssessedHistoryFlag(
            patient_id=patient_id,
            rule_id="RF-021",
            snapshot={},
            assessed_on=DAY,
            confirmed_by="person",
            recorded_by="p",
        )
    )
    session.flush()


def give_case_review_history(session: Session, patient_id: str) -> None:
    """A meeting of the person's care team, them on its agenda, and a decision for them."""
    meeting = CaseReview(patient_id=patient_id, title="Review", held_on=DAY, opened_by="c")
    session.add(meeting)
    session.flush()
    session.add(CaseReviewItem(meeting_id=meeting.id, patient_id=patient_id, reasons=["added"]))
    session.add(
        CaseReviewDecision(
            meeting_id=meeting.id,
            patient_id=patient_id,
            text="Walk daily",
            owner_kind="person",
            owner_name="p",
            due_on=DAY,
            decided_by="c",
        )
    )
    session.flush()


def give_team_history(session: Session, patient_id: str) -> None:
    """An open invitation, a lead hand-over to the clinician of give_access_history, and a
    waiting "I have been seen" report."""
    now = utcnow()
    carer = require_account(session, username=f"c-{patient_id[:8]}")
    session.add(
        TeamInvite(
            patient_id=patient_id,
            code_hash=hashlib.sha256(patient_id.encode()).hexdigest(),
            share=Share.PLAN_AND_PROGRESS.value,
            created_by="p",
            created_at=now,
            expires_at=now + dt.timedelta(days=7),
        )
    )
    session.add(LeadHandover(patient_id=patient_id, to_clinician_id=carer.id, offered_by="p"))
    session.add(
        SeenReport(
            patient_id=patient_id,
            plan_version=1,
            seen_by=SeenBy.EMERGENCY_DEPARTMENT.value,
            seen_on=DAY,
            outcome=SeenOutcome.NOTHING_SERIOUS.value,
            status=ReportStatus.WAITING.value,
            reported_by="p",
        )
    )
    session.flush()


def give_care_team_history(session: Session, patient_id: str) -> None:
    """A plan edit with a custom exercise, a signed note and a message thread."""
    now = utcnow()
    session.add(
        CustomExercise(
            patient_id=patient_id,
            code="custom-1",
            kind="stretch",
            title="Custom stretch",
            summary="",
            steps=["One step."],
            dose="1 time",
            minutes=1.0,
            contraindications=[],
            cautions=[],
            created_by="c",
            created_at=now,
        )
    )
    session.add(
        PlanEdit(
            patient_id=patient_id,
            version=1,
            based_on_version=1,
            author_name="c",
            reason="history",
            changes=[],
            overrides=[],
            kept={},
            created_at=now,
        )
    )
    carer = Actor(kind=Kind.CLINICIAN, name="c", account_id=None)
    note = NoteCreate(kind=NoteKind.PROGRESS, visibility=Visibility.TEAM, body="A note.", sign=True)
    write_note(session, patient_id=patient_id, data=note, actor=carer, now=now)
    thread = ThreadCreate(subject="Hello", body="First message.")
    start_thread(session, patient_id=patient_id, data=thread, actor=carer, now=now)


def give_kept_history(session: Session, patient_id: str) -> None:
    """A weekly review run by the scheduler and a write kept for its Idempotency-Key."""
    run = ReviewRun(patient_id=patient_id, week_ending=DAY, status="done", summary="s", worker="t")
    session.add(run)
    session.add(
        IdempotentRequest(
            patient_id=patient_id,
            key="k",
            account_id="a",
            endpoint="checkins",
            request_hash="0" * 64,
            status_code=201,
            media_type="application/json",
            body="{}",
        )
    )
    session.flush()


def give_access_history(session: Session, patient_id: str) -> None:
    """The person's account, a clinician's care access and an admin's break-glass."""
    tag = patient_id[:8]
    create_account(
        session, data=AccountCreate(username=f"p-{tag}", role=Role.PERSON, patient_id=patient_id)
    )
    carer = AccountCreate(username=f"c-{tag}", role=Role.CLINICIAN, profession=Profession.NURSE)
    create_account(session, data=carer)
    admin = create_account(session, data=AccountCreate(username=f"a-{tag}", role=Role.ADMIN))
    now = utcnow()
    grant(session, clinician=f"c-{tag}", patient_id=patient_id, by=operator(), source="t", now=now)
    actor = Actor(kind=Kind.ADMIN, name=admin.username, account_id=admin.id)
    reason = BreakGlassCreate(reason="test history, a reason long enough")
    open_record(
        session, admin=actor, patient_id=patient_id, data=reason, source="t", now=now, minutes=5
    )

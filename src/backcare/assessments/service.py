"""Assessment and plan-version use cases. Services take a Session and never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.orm import Session

from backcare.assessments import repository
from backcare.assessments.models import Assessment, PlanVersion
from backcare.assessments.schemas import (
    AssessmentRead,
    AssessmentResult,
    PlanVersionCreate,
    PlanVersionRead,
)
from backcare.domain.history_flags import AssessedFlag
from backcare.domain.intake import Intake
from backcare.domain.plan_model import Plan
from backcare.engine import build_plan
from backcare.errors import InvalidInputError, NotFoundError
from backcare.knowledge.loader import Knowledge
from backcare.patients.service import require_patient
from backcare.seen import history
from backcare.store.types import utcnow

ASSESSMENT_AUTHOR = "backcare"
ASSESSMENT_REASON = "New assessment: plan built from the intake."
BACKDATE_LIMIT = timedelta(days=366)
"""An assessment may be recorded for a day up to a year back (a paper form, a pain diary
entered later); older records belong to the person's notes, not to a plan starting now."""


def assess_patient(
    session: Session,
    *,
    patient_id: str,
    intake: Intake,
    knowledge: Knowledge,
    created_by: str = ASSESSMENT_AUTHOR,
    at: datetime | None = None,
) -> AssessmentResult:
    """Triage, classify and plan from an intake; store the snapshot and a new plan version.

    ``at`` back-dates the rows (imports and demo data); by default they are stamped now. The
    history-only red flags a doctor has assessed are weighed (domain.history_flags): a new
    assessment with the same answers does not put the person back on the safety plan.
    """
    assessed = history.assessed_of(session, patient_id=patient_id)
    plan = build_plan(intake, knowledge, assessed)  # before the lock: planning is pure
    require_patient(session, patient_id=patient_id, lock=True)
    assessment = _add_snapshot(session, patient_id=patient_id, intake=intake, plan=plan, at=at)
    data = PlanVersionCreate(
        plan=plan, created_by=created_by, reason=ASSESSMENT_REASON, assessment_id=assessment.id
    )
    version = _add_version(session, patient_id=patient_id, data=data, at=at)
    return AssessmentResult(assessment=assessment, plan_version=version)


def assess_patient_on(
    session: Session,
    *,
    patient_id: str,
    intake: Intake,
    knowledge: Knowledge,
    on: date,
    today: date,
    created_by: str = ASSESSMENT_AUTHOR,
) -> AssessmentResult:
    """An assessment for ``on``, today or an earlier day: the record then starts on that day."""
    at = None if on == today else datetime.combine(on, time(12), UTC)
    require_assessment_day(session, patient_id=patient_id, on=on, today=today, at=at)
    return assess_patient(
        session,
        patient_id=patient_id,
        intake=intake,
        knowledge=knowledge,
        created_by=created_by,
        at=at,
    )


def require_assessment_day(
    session: Session, *, patient_id: str, on: date, today: date, at: datetime | None
) -> None:
    """Not after today, not more than a year back, and not before the latest assessment."""
    if on > today:
        raise InvalidInputError(
            f"date: {on.isoformat()} is after today ({today.isoformat()}); an assessment is for "
            "today or an earlier day."
        )
    if today - on > BACKDATE_LIMIT:
        raise InvalidInputError(
            f"date: {on.isoformat()} is more than a year before today; an assessment can be "
            "recorded for a day up to a year back."
        )
    latest = repository.latest_assessment(session, patient_id)
    if at is not None and latest is not None and latest.created_at >= at:
        raise InvalidInputError(
            f"date: {on.isoformat()} is before this person's latest assessment "
            f"({latest.created_at.date().isoformat()}); a new assessment comes after it."
        )


def record_assessment(
    session: Session,
    *,
    patient_id: str,
    intake: Intake,
    knowledge: Knowledge,
    at: datetime | None = None,
    assessed: Sequence[AssessedFlag] = (),
) -> AssessmentRead:
    """Store an intake snapshot without starting a plan (a review keeps its own plan);
    ``assessed``: the history-only red flags a doctor has assessed (domain.history_flags)."""
    plan = build_plan(intake, knowledge, assessed)
    require_patient(session, patient_id=patient_id)
    return _add_snapshot(session, patient_id=patient_id, intake=intake, plan=plan, at=at)


def _add_snapshot(
    session: Session, *, patient_id: str, intake: Intake, plan: Plan, at: datetime | None
) -> AssessmentRead:
    row = Assessment(
        patient_id=patient_id,
        intake=intake.model_dump(mode="json"),
        triage=plan.triage.model_dump(mode="json"),
        classification=plan.classification.model_dump(mode="json"),
        knowledge_version=plan.knowledge_version,
        created_at=at or utcnow(),
    )
    return AssessmentRead.model_validate(repository.add_assessment(session, row))


def latest_assessment(session: Session, *, patient_id: str) -> AssessmentRead | None:
    """The patient's most recent assessment, or None before the first."""
    row = repository.latest_assessment(session, patient_id)
    return None if row is None else AssessmentRead.model_validate(row)


def first_assessment(session: Session, *, patient_id: str) -> AssessmentRead | None:
    """The patient's first assessment (the baseline), or None before it."""
    row = repository.first_assessment(session, patient_id)
    return None if row is None else AssessmentRead.model_validate(row)


def add_plan_version(
    session: Session, *, patient_id: str, data: PlanVersionCreate, at: datetime | None = None
) -> PlanVersionRead:
    """Store a new plan version (from a review or a clinician); earlier ones stay unchanged."""
    require_patient(session, patient_id=patient_id, lock=True)
    return _add_version(session, patient_id=patient_id, data=data, at=at)


def _add_version(
    session: Session, *, patient_id: str, data: PlanVersionCreate, at: datetime | None
) -> PlanVersionRead:
    # Callers hold the patient row lock, so two writers cannot both pick the same number.
    number = repository.latest_plan_number(session, patient_id) + 1
    row = PlanVersion(
        patient_id=patient_id,
        version=number,
        assessment_id=data.assessment_id,
        plan=data.plan.model_dump(mode="json"),
        created_by=data.created_by,
        reason=data.reason,
        reviewed_on=data.reviewed_on,
        flare_until=data.flare_until,
        resumes_version=data.resumes_version,
        created_at=at or utcnow(),
    )
    return PlanVersionRead.model_validate(repository.add_plan_version(session, row))


def current_plan(session: Session, *, patient_id: str) -> PlanVersionRead | None:
    """The patient's latest plan version, or None before their first assessment."""
    require_patient(session, patient_id=patient_id)
    row = repository.current_plan(session, patient_id)
    return None if row is None else PlanVersionRead.model_validate(row)


def get_plan_version(session: Session, *, patient_id: str, version: int) -> PlanVersionRead:
    """One numbered plan version, or NotFoundError."""
    row = repository.plan_version(session, patient_id, version)
    if row is None:
        raise NotFoundError(f"Patient {patient_id!r} has no plan version {version}.")
    return PlanVersionRead.model_validate(row)


def plan_history(session: Session, *, patient_id: str) -> list[PlanVersionRead]:
    """Every plan version of the patient, oldest first."""
    require_patient(session, patient_id=patient_id)
    return [
        PlanVersionRead.model_validate(r)
        for r in repository.list_plan_versions(session, patient_id)
    ]


def list_assessments(session: Session, *, patient_id: str) -> list[AssessmentRead]:
    """Every assessment of the patient, oldest first."""
    require_patient(session, patient_id=patient_id)
    return [
        AssessmentRead.model_validate(r) for r in repository.list_assessments(session, patient_id)
    ]

"""All SQL about assessments and plan versions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backcare.assessments.models import Assessment, PlanVersion


def add_assessment(session: Session, assessment: Assessment) -> Assessment:
    """Insert an assessment and give it its id."""
    session.add(assessment)
    session.flush()
    return assessment


def list_assessments(session: Session, patient_id: str) -> Sequence[Assessment]:
    """A patient's assessments, oldest first."""
    query = select(Assessment).where(Assessment.patient_id == patient_id)
    return session.scalars(query.order_by(Assessment.created_at, Assessment.id)).all()


def latest_assessment(session: Session, patient_id: str) -> Assessment | None:
    """A patient's most recent assessment."""
    query = select(Assessment).where(Assessment.patient_id == patient_id)
    order = (Assessment.created_at.desc(), Assessment.id.desc())
    return session.scalars(query.order_by(*order).limit(1)).one_or_none()


def first_assessment(session: Session, patient_id: str) -> Assessment | None:
    """A patient's first assessment: the baseline progress is measured against."""
    query = select(Assessment).where(Assessment.patient_id == patient_id)
    return session.scalars(query.order_by(Assessment.created_at, Assessment.id).limit(1)).first()


# The two queries below read one field out of a JSON document in the database (JSON_EXTRACT on
# SQLite, -> on PostgreSQL), on the session's connection: the progress screen needs only the
# week and the baseline pain, and loading whole plans and intakes would take most of its time.


def current_week(session: Session, patient_id: str) -> tuple[int, dict[str, list[str]]] | None:
    """The current plan's version number and its week (day -> item ids)."""
    query = select(PlanVersion.version, PlanVersion.plan["week"])
    query = query.where(PlanVersion.patient_id == patient_id)
    ordered = query.order_by(PlanVersion.version.desc()).limit(1)
    row = session.connection().execute(ordered).first()
    return None if row is None else (row[0], row[1])


def plan_weeks(
    session: Session, patient_id: str
) -> list[tuple[int, datetime, str, dict[str, list[str]]]]:
    """Every plan version's number, when and by whom it was made, and its week, oldest first.

    Only the week is read out of each plan document: progress counts sessions against the
    timetable in force on each day, and marks where the plan changed.
    """
    query = select(
        PlanVersion.version,
        PlanVersion.created_at,
        PlanVersion.created_by,
        PlanVersion.plan["week"],
    )
    query = query.where(PlanVersion.patient_id == patient_id).order_by(PlanVersion.version)
    rows = session.connection().execute(query).all()
    return [(row[0], row[1], row[2], row[3]) for row in rows]


def baseline_pain(session: Session, patient_id: str) -> tuple[int, datetime] | None:
    """The pain score of a patient's first assessment, and when it was made."""
    query = select(Assessment.intake["pain_now"].as_integer(), Assessment.created_at)
    query = query.where(Assessment.patient_id == patient_id)
    ordered = query.order_by(Assessment.created_at, Assessment.id).limit(1)
    row = session.connection().execute(ordered).first()
    return None if row is None else (row[0], row[1])


def latest_plan_number(session: Session, patient_id: str) -> int:
    """The highest plan version number of a patient, 0 when they have none."""
    query = select(func.coalesce(func.max(PlanVersion.version), 0))
    return int(session.scalar(query.where(PlanVersion.patient_id == patient_id)) or 0)


def add_plan_version(session: Session, version: PlanVersion) -> PlanVersion:
    """Insert a plan version; the (patient, version) unique constraint refuses duplicates."""
    session.add(version)
    session.flush()
    return version


def current_plan(session: Session, patient_id: str) -> PlanVersion | None:
    """The latest plan version of a patient."""
    query = select(PlanVersion).where(PlanVersion.patient_id == patient_id)
    return session.scalars(query.order_by(PlanVersion.version.desc()).limit(1)).one_or_none()


def plan_version(session: Session, patient_id: str, version: int) -> PlanVersion | None:
    """One numbered plan version of a patient."""
    query = select(PlanVersion).where(
        PlanVersion.patient_id == patient_id, PlanVersion.version == version
    )
    return session.scalars(query).one_or_none()


def list_plan_versions(session: Session, patient_id: str) -> Sequence[PlanVersion]:
    """Every plan version of a patient, oldest first."""
    query = select(PlanVersion).where(PlanVersion.patient_id == patient_id)
    return session.scalars(query.order_by(PlanVersion.version)).all()


def latest_by(session: Session, patient_id: str, created_by: str) -> PlanVersion | None:
    """The latest plan version a given author (person or rule set) made."""
    query = select(PlanVersion).where(
        PlanVersion.patient_id == patient_id, PlanVersion.created_by == created_by
    )
    return session.scalars(query.order_by(PlanVersion.version.desc()).limit(1)).one_or_none()


def latest_not_by(session: Session, patient_id: str, authors: Sequence[str]) -> PlanVersion | None:
    """The latest plan version none of these authors made."""
    query = select(PlanVersion).where(
        PlanVersion.patient_id == patient_id, PlanVersion.created_by.not_in(authors)
    )
    return session.scalars(query.order_by(PlanVersion.version.desc()).limit(1)).one_or_none()

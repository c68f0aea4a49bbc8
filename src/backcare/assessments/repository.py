"""All SQL about assessments and plan versions."""

from __future__ import annotations

from collections.abc import Sequence

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

"""All SQL about reports of having been seen."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from backcare.assessments.models import Assessment
from backcare.seen.models import AssessedHistoryFlag, SeenReport
from backcare.seen.vocabulary import ReportStatus
from backcare.tracking.models import CheckIn


def add(session: Session, row: SeenReport | AssessedHistoryFlag) -> None:
    """Insert a report (or an assessed history flag) and give it its id."""
    session.add(row)
    session.flush()


def reports_of(session: Session, patient_id: str) -> Sequence[SeenReport]:
    """A record's reports, newest first."""
    query = (
        select(SeenReport)
        .where(SeenReport.patient_id == patient_id)
        .order_by(SeenReport.reported_at.desc(), SeenReport.id.desc())
    )
    return session.scalars(query).all()


def report(session: Session, patient_id: str, report_id: int) -> SeenReport | None:
    """One report of a record."""
    query = select(SeenReport).where(
        SeenReport.patient_id == patient_id, SeenReport.id == report_id
    )
    return session.scalars(query).first()


def waiting(session: Session, patient_id: str) -> SeenReport | None:
    """The record's report waiting for a clinician, if any."""
    query = select(SeenReport).where(
        SeenReport.patient_id == patient_id, SeenReport.status == ReportStatus.WAITING
    )
    return session.scalars(query).first()


def news_since(session: Session, patient_id: str, since: datetime) -> bool:
    """Whether a new assessment or a check-in with a warning answer came after ``since``."""
    assessed = exists().where(Assessment.patient_id == patient_id, Assessment.created_at > since)
    if session.scalar(select(assessed)):
        return True
    # Few rows (the days since the report); JSON is compared in Python, the same on both
    # databases.
    query = select(CheckIn.warnings).where(
        CheckIn.patient_id == patient_id, CheckIn.created_at > since
    )
    return any(warnings for warnings in session.scalars(query))


def assessed_flags(session: Session, patient_id: str) -> Sequence[AssessedHistoryFlag]:
    """The record's assessed history flags, oldest first (a later row of a rule replaces an
    earlier one)."""
    query = (
        select(AssessedHistoryFlag)
        .where(AssessedHistoryFlag.patient_id == patient_id)
        .order_by(AssessedHistoryFlag.recorded_at, AssessedHistoryFlag.id)
    )
    return session.scalars(query).all()

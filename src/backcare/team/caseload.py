"""A clinician's caseload: everyone whose care team they are in, alerts first.

One statement gathers every figure for every person (grouped subqueries joined to the
clinician's live grants), so the cost does not grow with one query per person: a clinic of
2,000 people stays well under 200 ms (bench/caseload_bench.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Select, and_, case, func, select
from sqlalchemy.orm import Session

from backcare.access.models import CareAccess
from backcare.assessments.models import Assessment
from backcare.domain.vocabulary import Level
from backcare.knowledge.thresholds import Thresholds
from backcare.patients.models import Patient
from backcare.seen.models import SeenReport
from backcare.seen.vocabulary import ReportStatus
from backcare.team.members import share_of
from backcare.team.vocabulary import Share
from backcare.tracking.models import Alert, CheckIn

WEEK = dt.timedelta(days=7)
DEFAULT_DAYS_PER_WEEK = 5
"""The intake's default when a person's preferences say nothing."""


class CaseloadRow(BaseModel):
    """One person in a clinician's caseload."""

    model_config = ConfigDict(frozen=True)

    patient_id: str
    name: str
    level: Level | None = Field(description="The latest assessment's triage level.")
    open_alerts: int
    oldest_open_alert: dt.datetime | None
    seen_report_waiting: bool = Field(description="The person says a doctor has seen them.")
    last_checkin: dt.date | None
    sessions_this_week: int
    sessions_planned: int
    pain_this_week: float | None
    pain_last_week: float | None
    trend: str = Field(description="better, worse, steady, or unknown (too few check-ins).")
    lead: bool
    share: Share | str


def caseload(
    session: Session, *, clinician_id: str, today: dt.date, thresholds: Thresholds
) -> list[CaseloadRow]:
    """The clinician's caseload, open alerts first, then by triage level, then by name."""
    rows = session.execute(_statement(clinician_id, today)).all()
    found = [_row(row, thresholds) for row in rows]
    return sorted(found, key=_priority)


def _statement(clinician_id: str, today: dt.date) -> Select[Any]:
    mine = (
        select(
            CareAccess.patient_id,
            CareAccess.lead,
            CareAccess.whole_record,
            CareAccess.plan_and_progress_only,
        )
        .where(CareAccess.clinician_id == clinician_id, CareAccess.revoked_at.is_(None))
        .subquery("mine")
    )
    in_mine = select(mine.c.patient_id)
    latest = (
        select(Assessment.patient_id, func.max(Assessment.created_at).label("at"))
        .where(Assessment.patient_id.in_(in_mine))
        .group_by(Assessment.patient_id)
        .subquery("latest")
    )
    levels = (
        select(Assessment.patient_id, Assessment.triage["level"].as_string().label("level"))
        .join(
            latest,
            and_(
                latest.c.patient_id == Assessment.patient_id, latest.c.at == Assessment.created_at
            ),
        )
        .subquery("levels")
    )
    alerts = (
        select(
            Alert.patient_id,
            func.count().label("open"),
            func.min(Alert.created_at).label("oldest"),
        )
        .where(Alert.patient_id.in_(in_mine), Alert.resolved.is_(False))
        .group_by(Alert.patient_id)
        .subquery("alerts")
    )
    this_week = CheckIn.date > today - WEEK
    last_week = and_(CheckIn.date <= today - WEEK, CheckIn.date > today - 2 * WEEK)
    recent = (
        select(
            CheckIn.patient_id,
            func.sum(case((this_week, CheckIn.sessions_done), else_=0)).label("sessions"),
            func.avg(case((this_week, CheckIn.pain_now))).label("pain_now"),
            func.count(case((this_week, 1))).label("days_now"),
            func.avg(case((last_week, CheckIn.pain_now))).label("pain_before"),
            func.count(case((last_week, 1))).label("days_before"),
        )
        .where(
            CheckIn.patient_id.in_(in_mine),
            CheckIn.date > today - 2 * WEEK,
            CheckIn.date <= today,
        )
        .group_by(CheckIn.patient_id)
        .subquery("recent")
    )
    # Correlated, so each person's last day is one index seek (max over the (patient, date)
    # index) rather than a group over every check-in they ever made.
    last = (
        select(func.max(CheckIn.date))
        .where(CheckIn.patient_id == mine.c.patient_id)
        .correlate(mine)
        .scalar_subquery()
    )
    waiting = (
        select(SeenReport.patient_id)
        .where(SeenReport.status == ReportStatus.WAITING, SeenReport.patient_id.in_(in_mine))
        .distinct()
        .subquery("waiting")
    )
    return (
        select(
            mine.c.patient_id,
            Patient.display_name,
            Patient.preferences["days_per_week"].as_integer().label("days_per_week"),
            mine.c.lead,
            mine.c.whole_record,
            mine.c.plan_and_progress_only,
            levels.c.level,
            alerts.c.open,
            alerts.c.oldest,
            last.label("last_checkin"),
            recent.c.sessions,
            recent.c.pain_now,
            recent.c.days_now,
            recent.c.pain_before,
            recent.c.days_before,
            waiting.c.patient_id.is_not(None).label("waiting"),
        )
        .join(Patient, Patient.id == mine.c.patient_id)
        .outerjoin(levels, levels.c.patient_id == mine.c.patient_id)
        .outerjoin(alerts, alerts.c.patient_id == mine.c.patient_id)
        .outerjoin(recent, recent.c.patient_id == mine.c.patient_id)
        .outerjoin(waiting, waiting.c.patient_id == mine.c.patient_id)
    )


def _row(row: Any, thresholds: Thresholds) -> CaseloadRow:
    now_mean = _mean(row.pain_now, row.days_now, thresholds)
    before_mean = _mean(row.pain_before, row.days_before, thresholds)
    return CaseloadRow(
        patient_id=row.patient_id,
        name=row.display_name,
        level=Level(row.level) if row.level in Level.__members__ else None,
        open_alerts=row.open or 0,
        oldest_open_alert=row.oldest,
        seen_report_waiting=bool(row.waiting),
        last_checkin=row.last_checkin,
        sessions_this_week=int(row.sessions or 0),
        sessions_planned=int(row.days_per_week or DEFAULT_DAYS_PER_WEEK),
        pain_this_week=now_mean,
        pain_last_week=before_mean,
        trend=_trend(now_mean, before_mean, thresholds),
        lead=bool(row.lead),
        share=share_of(bool(row.whole_record), bool(row.plan_and_progress_only)),
    )


def _mean(value: Any, days: Any, thresholds: Thresholds) -> float | None:
    """A week's mean pain, when the week has enough check-ins to say anything."""
    if value is None or (days or 0) < thresholds.min_readings.value:
        return None
    return round(float(value), 1)


def _trend(now: float | None, before: float | None, thresholds: Thresholds) -> str:
    """Better or worse by the important change (in points), else steady."""
    if now is None or before is None:
        return "unknown"
    important = thresholds.pain_important_points.value
    if before - now >= important:
        return "better"
    if now - before >= important:
        return "worse"
    return "steady"


def _priority(row: CaseloadRow) -> tuple[int, int, int, str]:
    rank = row.level.rank if row.level is not None else -1
    needs_a_look = row.open_alerts > 0 or row.seen_report_waiting
    return (0 if needs_a_look else 1, -rank, -row.open_alerts, row.name.lower())

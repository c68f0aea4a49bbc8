"""A clinician's caseload: everyone whose care team they are in, alerts first.

One statement gathers every figure for every person on the page, so there is never a query per
person (bench/caseload_bench.py counts the statements and times a clinic of 2,000 people).

Two filters narrow it, and never widen it (only people whose care team the clinician is in are
ever shown): by profession, the people whose care team includes a clinician of that profession
("who of mine also sees a psychologist"; the clinician's own profession gives their whole
caseload); by clinic, one of the clinician's own clinics, the people whose lead clinician works
there (a person is looked after from their lead's clinic, as a clinic lead counts a caseload).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import ColumnElement, Select, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from backcare.access.models import CareAccess
from backcare.accounts.models import Account
from backcare.accounts.vocabulary import Profession
from backcare.assessments.models import Assessment
from backcare.domain.vocabulary import Level
from backcare.errors import InvalidInputError
from backcare.knowledge.thresholds import Thresholds
from backcare.patients.models import Patient
from backcare.seen.models import SeenReport
from backcare.seen.vocabulary import ReportStatus
from backcare.team.members import share_of
from backcare.team.models import Clinic, ClinicMember
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


PAGE = 100
"""People per page of the dashboard: those who need a look come first."""


class CaseloadFilter(BaseModel):
    """What narrows the caseload (nothing: everyone in it)."""

    model_config = ConfigDict(frozen=True)

    profession: Profession | None = Field(
        default=None, description="Only people whose care team includes this profession."
    )
    clinic: int | None = Field(
        default=None, description="Only people whose lead clinician works at this clinic."
    )


EVERYONE = CaseloadFilter()


class ClinicChoice(BaseModel):
    """One of the clinician's clinics, to filter by."""

    model_config = ConfigDict(frozen=True)

    id: int
    name: str


def clinics_of(session: Session, *, clinician_id: str) -> list[ClinicChoice]:
    """The clinics the clinician works at, by name."""
    query = (
        select(Clinic.id, Clinic.name)
        .join(ClinicMember, ClinicMember.clinic_id == Clinic.id)
        .where(ClinicMember.clinician_id == clinician_id)
        .order_by(Clinic.name)
    )
    return [ClinicChoice(id=row.id, name=row.name) for row in session.execute(query)]


def check_filter(session: Session, *, clinician_id: str, narrow: CaseloadFilter) -> None:
    """InvalidInputError (422) for a clinic the clinician does not work at."""
    if narrow.clinic is None:
        return
    if all(choice.id != narrow.clinic for choice in clinics_of(session, clinician_id=clinician_id)):
        raise InvalidInputError(
            f"clinic: you do not work at clinic {narrow.clinic}; choose one of your clinics."
        )


def caseload(
    session: Session,
    *,
    clinician_id: str,
    today: dt.date,
    thresholds: Thresholds,
    limit: int | None = PAGE,
    offset: int = 0,
    narrow: CaseloadFilter = EVERYONE,
) -> list[CaseloadRow]:
    """The clinician's caseload: people with open alerts or a report to confirm first, then by
    triage level (most urgent first), then by name; a page of ``limit`` (None: everyone)."""
    statement = _statement(_mine(clinician_id, narrow), today, limit, offset)
    return [_row(row, thresholds) for row in session.execute(statement).all()]


def caseload_size(session: Session, *, clinician_id: str, narrow: CaseloadFilter = EVERYONE) -> int:
    """How many people the clinician's caseload holds (as filtered)."""
    query = select(func.count()).where(*_mine(clinician_id, narrow))
    return int(session.scalar(query) or 0)


def _mine(clinician_id: str, narrow: CaseloadFilter) -> list[ColumnElement[bool]]:
    """The clinician's live grants, narrowed by the filter (each an EXISTS on an index of the
    person's grants, so the caseload stays one statement)."""
    person = CareAccess.patient_id
    where = [CareAccess.clinician_id == clinician_id, CareAccess.revoked_at.is_(None)]
    if narrow.profession is not None:
        member = aliased(CareAccess)
        where.append(
            select(member.id)
            .join(Account, Account.id == member.clinician_id)
            .where(
                member.patient_id == person,
                member.revoked_at.is_(None),
                Account.profession == narrow.profession.value,
            )
            .correlate(CareAccess)
            .exists()
        )
    if narrow.clinic is not None:
        lead = aliased(CareAccess)
        where.append(
            select(lead.id)
            .join(ClinicMember, ClinicMember.clinician_id == lead.clinician_id)
            .where(
                lead.patient_id == person,
                lead.revoked_at.is_(None),
                lead.lead.is_(True),
                ClinicMember.clinic_id == narrow.clinic,
            )
            .correlate(CareAccess)
            .exists()
        )
    return where


def _statement(
    mine: list[ColumnElement[bool]], today: dt.date, limit: int | None, offset: int
) -> Select[Any]:
    # One statement in two steps. The page: the ordering keys (open alerts, a report waiting,
    # the triage level) of everyone, each a correlated subquery on an index of (patient, ...),
    # sorted and cut to the page. Then the week's figures, grouped over the check-ins of the
    # people on the page only.
    person = CareAccess.patient_id

    def scalar(query: Select[Any]) -> Any:
        return query.correlate(CareAccess).scalar_subquery()

    level = scalar(
        select(Assessment.triage["level"].as_string())
        .where(Assessment.patient_id == person)
        .order_by(Assessment.created_at.desc(), Assessment.id.desc())
        .limit(1)
    )
    unresolved = (Alert.patient_id == person, Alert.resolved.is_(False))
    open_alerts = scalar(select(func.count()).where(*unresolved))
    waiting = (
        select(SeenReport.id)
        .where(SeenReport.patient_id == person, SeenReport.status == ReportStatus.WAITING)
        .correlate(CareAccess)
        .exists()
    )
    # Materialized, so that each correlated subquery runs once a person (SQLite would otherwise
    # copy the level's subquery into every place the ordering reads it).
    facts = (
        select(
            person.label("patient_id"),
            Patient.display_name,
            Patient.preferences["days_per_week"].as_integer().label("days_per_week"),
            CareAccess.lead,
            CareAccess.whole_record,
            CareAccess.plan_and_progress_only,
            level.label("level"),
            open_alerts.label("open"),
            scalar(select(func.min(Alert.created_at)).where(*unresolved)).label("oldest"),
            waiting.label("waiting"),
        )
        .join(Patient, Patient.id == person)
        .where(*mine)
        .cte("facts")
        .prefix_with("MATERIALIZED")
    )
    rank = case(*((facts.c.level == value.value, value.rank) for value in Level), else_=-1)
    page = (
        select(facts, rank.label("rank"))
        .order_by(
            *_order(facts.c.open, facts.c.waiting, rank, facts.c.display_name, facts.c.patient_id)
        )
        .offset(offset)
    )
    if limit is not None:
        page = page.limit(limit)
    # Materialized: the page is worked out once, not again for each place that reads it.
    shown = page.cte("shown").prefix_with("MATERIALIZED")

    # The week's figures of the people on the page only, each a range of the (patient, date)
    # index: a join to figures grouped over the whole caseload is scanned once per person on
    # SQLite (no index on a derived table it builds), which costs more than these seeks.
    def figure(column: Any, *days: Any) -> Any:
        return (
            select(column)
            .where(CheckIn.patient_id == shown.c.patient_id, *days)
            .correlate(shown)
            .scalar_subquery()
        )

    this_week = (CheckIn.date > today - WEEK, CheckIn.date <= today)
    last_week = (CheckIn.date > today - 2 * WEEK, CheckIn.date <= today - WEEK)
    return select(
        shown,
        figure(func.max(CheckIn.date)).label("last_checkin"),
        figure(func.sum(CheckIn.sessions_done), *this_week).label("sessions"),
        figure(func.avg(CheckIn.pain_now), *this_week).label("pain_now"),
        figure(func.count(), *this_week).label("days_now"),
        figure(func.avg(CheckIn.pain_now), *last_week).label("pain_before"),
        figure(func.count(), *last_week).label("days_before"),
    ).order_by(
        *_order(
            shown.c.open, shown.c.waiting, shown.c.rank, shown.c.display_name, shown.c.patient_id
        )
    )


def _order(open_alerts: Any, waiting: Any, rank: Any, name: Any, person: Any) -> list[Any]:
    """Alerts or a report to confirm first, then the most urgent level, then by name."""
    needs_a_look = case((or_(open_alerts > 0, waiting), 0), else_=1)
    return [needs_a_look, rank.desc(), open_alerts.desc(), name, person]


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

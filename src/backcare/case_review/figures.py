"""The agenda's figures for every person a meeting may bring up, in one SQL statement.

Each person's open alerts, the alerts raised and reviews flagged in the meeting's week, the
first assessment's pain and day, the week's mean pain and check-ins, and whether someone added
them by hand: correlated subqueries, each a seek on an index of (patient, ...), so the cost
grows with the clinic but the number of statements does not (bench/case_review_bench.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, Select, exists, func, or_, select
from sqlalchemy.orm import Session

from backcare.access.models import CareAccess
from backcare.assessments.models import Assessment
from backcare.case_review.models import CaseReview, CaseReviewItem
from backcare.jobs.models import ReviewRun
from backcare.patients.models import Patient
from backcare.team.models import ClinicMember
from backcare.tracking.models import Alert, CheckIn

WEEK_DAYS = 7


@dataclass(frozen=True, slots=True)
class Window:
    """The week a meeting looks at: the seven days that end on the day it is held."""

    first: dt.date
    last: dt.date

    @classmethod
    def ending(cls, day: dt.date) -> Window:
        return cls(day - dt.timedelta(days=WEEK_DAYS - 1), day)

    def instants(self) -> tuple[dt.datetime, dt.datetime]:
        """The week as UTC instants: from its first midnight to the midnight after it."""
        start = dt.datetime.combine(self.first, dt.time(), tzinfo=dt.UTC)
        return start, start + dt.timedelta(days=WEEK_DAYS)


def _population(row: CaseReview, viewer_id: str | None) -> Select[Any]:
    """Who the meeting may bring up: the viewer's people (all of them for a clinic, the one
    person for a team), or with no viewer everyone in the care of any of the clinic's
    clinicians (what a closed meeting keeps)."""
    if viewer_id is not None:
        query = select(CareAccess.patient_id.label("patient_id")).where(
            CareAccess.clinician_id == viewer_id, CareAccess.revoked_at.is_(None)
        )
        if row.patient_id is not None:
            query = query.where(CareAccess.patient_id == row.patient_id)
        return query
    if row.patient_id is not None:
        return select(Patient.id.label("patient_id")).where(Patient.id == row.patient_id)
    return (
        select(CareAccess.patient_id.label("patient_id"))
        .join(ClinicMember, ClinicMember.clinician_id == CareAccess.clinician_id)
        .where(ClinicMember.clinic_id == row.clinic_id, CareAccess.revoked_at.is_(None))
        .distinct()
    )


def agenda_figures(
    session: Session, row: CaseReview, viewer_id: str | None, window: Window
) -> Sequence[Row[Any]]:
    """Each person the meeting may bring up, with what decides whether it does: open alerts,
    alerts raised or reviews flagged in the week, the first assessment's pain and day, the
    week's mean pain and its number of check-ins, and whether someone added them by hand."""
    people = _population(row, viewer_id).cte("people")
    person = people.c.patient_id
    start, end = window.instants()

    def scalar(query: Select[Any]) -> Any:
        return query.correlate(people).scalar_subquery()

    def first_assessment(column: Any) -> Any:
        return scalar(
            select(column)
            .where(Assessment.patient_id == person)
            .order_by(Assessment.created_at, Assessment.id)
            .limit(1)
        )

    week = (CheckIn.patient_id == person, CheckIn.date.between(window.first, window.last))
    raised = exists().where(
        Alert.patient_id == person, Alert.created_at >= start, Alert.created_at < end
    )
    reviewed = exists().where(
        ReviewRun.patient_id == person,
        ReviewRun.week_ending.between(window.first, window.last),
        ReviewRun.alerts > 0,
    )
    hand = (
        select(CaseReviewItem.added_by)
        .where(CaseReviewItem.meeting_id == row.id, CaseReviewItem.patient_id == person)
        .limit(1)
    )
    query = (
        select(
            person,
            Patient.display_name,
            scalar(
                select(func.count()).where(Alert.patient_id == person, Alert.resolved.is_(False))
            ).label("open_alerts"),
            or_(raised.correlate(people), reviewed.correlate(people)).label("flagged"),
            first_assessment(Assessment.intake["pain_now"].as_integer()).label("baseline"),
            first_assessment(Assessment.created_at).label("assessed_at"),
            scalar(select(func.avg(CheckIn.pain_now)).where(*week)).label("pain_mean"),
            scalar(select(func.count()).where(*week)).label("readings"),
            scalar(hand).label("added_by"),
        )
        .join(Patient, Patient.id == person)
        .order_by(Patient.display_name, person)
    )
    return session.execute(query).all()

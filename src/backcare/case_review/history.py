"""What the summary reads of a person's history: their last case review, the plan versions
since, and their latest triage level."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from backcare.assessments.models import Assessment, PlanVersion
from backcare.case_review.models import CaseReview, CaseReviewItem
from backcare.plan_edits.models import PlanEdit


def last_review_before(session: Session, patient_id: str, row: CaseReview) -> dt.date | None:
    """The day of the latest closed meeting before this one that had the person on its agenda."""
    query = (
        select(func.max(CaseReview.held_on))
        .join(CaseReviewItem, CaseReviewItem.meeting_id == CaseReview.id)
        .where(
            CaseReviewItem.patient_id == patient_id,
            CaseReview.closed_at.is_not(None),
            CaseReview.id != row.id,
            CaseReview.held_on <= row.held_on,
        )
    )
    day: dt.date | None = session.scalar(query)
    return day


def plan_changes(
    session: Session, patient_id: str, after: dt.datetime | None, limit: int
) -> Sequence[Row[int, dt.datetime, str, str, str, str | None, str]]:
    """Plan versions made after ``after`` (all when None), newest first, each with the
    clinician's edit that made it, if one did: author, profession and reason."""
    query = (
        select(
            PlanVersion.version,
            PlanVersion.created_at,
            PlanVersion.created_by,
            PlanVersion.reason,
            PlanEdit.author_name,
            PlanEdit.profession,
            PlanEdit.reason.label("edit_reason"),
        )
        .outerjoin(
            PlanEdit,
            (PlanEdit.patient_id == PlanVersion.patient_id)
            & (PlanEdit.version == PlanVersion.version),
        )
        .where(PlanVersion.patient_id == patient_id)
        .order_by(PlanVersion.version.desc())
        .limit(limit)
    )
    if after is not None:
        query = query.where(PlanVersion.created_at >= after)
    return session.execute(query).all()


def latest_level(session: Session, patient_id: str) -> str | None:
    """The latest assessment's triage level."""
    query = (
        select(Assessment.triage["level"].as_string())
        .where(Assessment.patient_id == patient_id)
        .order_by(Assessment.created_at.desc(), Assessment.id.desc())
        .limit(1)
    )
    level: str | None = session.scalar(query)
    return level

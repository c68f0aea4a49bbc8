"""SQL the web needs beyond the feature repositories: paged lists, the plan as stored."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Row, Select, Text, bindparam, cast, select
from sqlalchemy.orm import Session

from backcare.assessments.models import PlanVersion
from backcare.tracking.models import CheckIn, Measure, SessionLog


def checkins_page(
    session: Session,
    patient_id: str,
    *,
    limit: int,
    offset: int,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> Sequence[CheckIn]:
    """Up to ``limit`` check-ins, newest first, between two dates (inclusive)."""
    query = select(CheckIn).where(CheckIn.patient_id == patient_id)
    if since is not None:
        query = query.where(CheckIn.date >= since)
    if until is not None:
        query = query.where(CheckIn.date <= until)
    query = query.order_by(CheckIn.date.desc(), CheckIn.id.desc())
    return session.scalars(query.limit(limit).offset(offset)).all()


def session_logs_page(
    session: Session,
    patient_id: str,
    *,
    limit: int,
    offset: int,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> Sequence[SessionLog]:
    """Up to ``limit`` session logs, newest first, between two dates (inclusive)."""
    query = select(SessionLog).where(SessionLog.patient_id == patient_id)
    if since is not None:
        query = query.where(SessionLog.date >= since)
    if until is not None:
        query = query.where(SessionLog.date <= until)
    query = query.order_by(SessionLog.date.desc(), SessionLog.id.desc())
    return session.scalars(query.limit(limit).offset(offset)).all()


def measures_page(
    session: Session, patient_id: str, *, limit: int, offset: int, kind: str | None = None
) -> Sequence[Measure]:
    """Up to ``limit`` measures, newest first, optionally of one kind."""
    query = select(Measure).where(Measure.patient_id == patient_id)
    if kind is not None:
        query = query.where(Measure.kind == kind)
    query = query.order_by(Measure.date.desc(), Measure.id.desc())
    return session.scalars(query.limit(limit).offset(offset)).all()


@cache
def _current_plan_text_query() -> Select[*tuple[Any, ...]]:
    # Built once, on first use: this is the most frequent read.
    v = PlanVersion
    head = (v.id, v.patient_id, v.version, v.assessment_id, v.created_by, v.reason)
    more = (v.reviewed_on, v.flare_until, v.resumes_version, v.created_at)
    # The plan as the database holds it: TEXT on SQLite, JSONB rendered as text on PostgreSQL.
    plan = cast(v.plan, Text).label("plan")
    return (
        select(*head, *more, plan)
        .where(v.patient_id == bindparam("patient_id"))
        .order_by(v.version.desc())
        .limit(1)
    )


def current_plan_text(session: Session, patient_id: str) -> Row[*tuple[Any, ...]] | None:
    """The patient's latest plan version with its plan as JSON text, not decoded."""
    query = _current_plan_text_query()
    return session.connection().execute(query, {"patient_id": patient_id}).first()

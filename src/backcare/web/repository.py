"""Paged SQL for the API's lists (newest first); the feature repositories return whole lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache

from sqlalchemy import Select, bindparam, select
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
def _relief_until_query() -> Select[dt.date | None]:
    # Built once, on first use: every check-in asks this, and building the statement costs
    # as much as running it (the same reason as patients.repository._exists_query).
    return (
        select(PlanVersion.flare_until)
        .where(PlanVersion.patient_id == bindparam("patient_id"))
        .order_by(PlanVersion.version.desc())
        .limit(1)
    )


def relief_plan_until(session: Session, patient_id: str) -> dt.date | None:
    """The last day of the relief plan the patient is on, None on any other plan (or none)."""
    return session.execute(_relief_until_query(), {"patient_id": patient_id}).scalar()

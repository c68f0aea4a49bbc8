"""Small helpers shared by the store tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session
from typer.testing import Result

from backcare.assessments.models import Assessment
from backcare.assessments.repository import add_assessment
from backcare.assessments.schemas import PlanVersionCreate
from backcare.assessments.service import add_plan_version
from backcare.domain.plan_model import Plan
from backcare.store.db import read_only
from backcare.store.metadata import load_metadata
from backcare.tracking.schemas import (
    AlertCreate,
    CheckInCreate,
    MeasureCreate,
    Nprs,
    SessionLogCreate,
)
from backcare.tracking.service import raise_alert, record_checkin, record_measure, record_session
from backcare.tracking.vocabulary import AlertKind

DAY = dt.date(2024, 5, 1)
Cli = Callable[..., Result]
"""Runs ``backcare`` with the given arguments against the test database (the ``cli`` fixture)."""


def count_rows(engine: Engine, table: str) -> int:
    """Rows in one table, read in a fresh transaction (so only committed rows count)."""
    with read_only(engine) as session:
        return int(session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def patient_tables() -> list[str]:
    """Every table that holds a patient's data (has a patient_id column), plus patients."""
    tables = load_metadata().sorted_tables
    return ["patients"] + [t.name for t in tables if "patient_id" in t.c]


def row_counts(engine: Engine) -> dict[str, int]:
    """Row counts of every patient table."""
    return {table: count_rows(engine, table) for table in patient_tables()}


def give_history(session: Session, patient_id: str, plan: Plan) -> None:
    """Exactly one row in every patient table."""
    # Assessed on DAY, so the record begins then and the check-in of DAY is accepted.
    snapshot = Assessment(
        patient_id=patient_id,
        intake={},
        triage={},
        classification={},
        knowledge_version="t",
        created_at=dt.datetime.combine(DAY, dt.time(9), dt.UTC),
    )
    assessment = add_assessment(session, snapshot)
    data = PlanVersionCreate(
        plan=plan, created_by="test", reason="history", assessment_id=assessment.id
    )
    add_plan_version(session, patient_id=patient_id, data=data)
    data = CheckInCreate(date=DAY, pain_now=4)
    record_checkin(session, patient_id=patient_id, data=data, today=dt.date.today())
    measure = MeasureCreate(date=DAY, value=Nprs(score=4))
    record_measure(session, patient_id=patient_id, data=measure, today=DAY)
    raise_alert(session, patient_id=patient_id, data=AlertCreate(kind=AlertKind.pain_worsening))
    log = SessionLogCreate(date=DAY, item_id=plan.items[0].id, duration_seconds=60, felt=6)
    record_session(session, patient_id=patient_id, data=log)

"""The SQL the review services need beyond the feature repositories: what a check-in meets."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    RowMapping,
    ScalarSelect,
    Table,
    bindparam,
    exists,
    or_,
    select,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import ReturningInsert

from backcare.assessments.models import Assessment, PlanVersion
from backcare.patients.models import Patient
from backcare.store.types import UTCDateTime
from backcare.tracking.models import CheckIn
from backcare.tracking.repository import checkin_insert


def _relief_until() -> ScalarSelect[dt.date | None]:
    """The last day of the relief plan the patient of the outer query is on (NULL: none)."""
    return (
        select(PlanVersion.flare_until)
        .where(PlanVersion.patient_id == Patient.id)
        .order_by(PlanVersion.version.desc())
        .limit(1)
        .scalar_subquery()
    )


def _record_began_by() -> ColumnElement[bool]:
    """The patient's record began no later than the check-in's day (:day_after is midnight UTC
    after it): they were added, or first assessed, before that midnight."""
    day_after = bindparam("day_after", type_=UTCDateTime())
    assessed = exists().where(
        Assessment.patient_id == Patient.id, Assessment.created_at < day_after
    )
    return or_(Patient.created_at < day_after, assessed)


@cache
def _unreviewed_checkin_insert(dialect: str) -> ReturningInsert[*tuple[Any, ...]]:
    # Built once, on first use: every plain check-in runs it, and building the statement
    # costs as much as running it.
    table = cast(Table, CheckIn.__table__)
    names = [column.name for column in table.c if column.name not in ("id", "patient_id")]
    # INSERT ... SELECT from the patient's row: no row (unknown patient, a relief plan, or a day
    # before the record began) inserts nothing, so the foreign key never fails and nothing
    # needs undoing; the caller's slow path then says which. Nor does a day that has a check-in
    # already: the slow path replaces it.
    row = select(Patient.id, *(bindparam(name, type_=table.c[name].type) for name in names))
    row = row.where(
        Patient.id == bindparam("patient_id"), _relief_until().is_(None), _record_began_by()
    )
    return checkin_insert(dialect, names=["patient_id", *names], rows=row)


def insert_unless_relief(session: Session, values: dict[str, Any]) -> RowMapping | None:
    """Insert the check-in row when its patient exists, is not on a relief plan, their record
    began by the check-in's day, and that day has no check-in yet.

    None when nothing was inserted: no such patient, a relief plan whose end the check-in
    review must look at, a day before the record, or a check-in to replace. One statement:
    asking first and then inserting cost the most frequent write a second round trip to the
    database.
    """
    day_after = dt.datetime.combine(values["date"] + dt.timedelta(days=1), dt.time(), dt.UTC)
    connection = session.connection()
    query = _unreviewed_checkin_insert(connection.dialect.name)
    return connection.execute(query, {**values, "day_after": day_after}).mappings().first()

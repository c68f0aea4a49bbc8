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
    update,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import ReturningInsert, ReturningUpdate

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


PLAIN_ANSWERS = ("pain_now", "sessions_done", "minutes", "notes", "created_at")
"""What a plain check-in (no warning sign, no flare-up) replaces: warning signs and a flare-up
said earlier that day stay as they are (SAFETY.md H-120)."""


@cache
def _plain_replacement() -> ReturningUpdate[*tuple[Any, ...]]:
    table = cast(Table, CheckIn.__table__)
    relief = (
        select(PlanVersion.flare_until)
        .where(PlanVersion.patient_id == table.c.patient_id)
        .order_by(PlanVersion.version.desc())
        .limit(1)
        .scalar_subquery()
    )
    # Bound names differ from the columns': UPDATE reserves the column names for its SET.
    answers = {name: bindparam(f"new_{name}", type_=table.c[name].type) for name in PLAIN_ANSWERS}
    return (
        update(table)
        .where(
            table.c.patient_id == bindparam("old_patient_id"),
            table.c.date == bindparam("old_date", type_=table.c.date.type),
            relief.is_(None),
        )
        .values(answers)
        .returning(*table.c)
    )


def replace_plain_unless_relief(session: Session, values: dict[str, Any]) -> RowMapping | None:
    """Put a plain check-in's answers in place of the day's earlier check-in, unless the person
    is on a relief plan; None when there is no check-in that day or a relief plan to review.

    One statement, like ``insert_unless_relief``: a second check-in of the day is as common a
    write as a first one (a person corrects their pain in the evening), and the review it
    could fire nothing in is skipped as for a first.
    """
    params = {f"new_{name}": values[name] for name in PLAIN_ANSWERS}
    params |= {"old_patient_id": values["patient_id"], "old_date": values["date"]}
    return session.connection().execute(_plain_replacement(), params).mappings().first()

"""All SQL for reading a person's whole record at once, for the exports.

The queries select plain columns through SQLAlchemy Core on the session's connection and
return rows, not ORM objects: an export reads thousands of rows, and building an ORM object
per row (identity map, instrumentation) took longer than the queries and the export's own
work together. Each statement is built once, with the patient id as a bound parameter.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any, cast

from sqlalchemy import Row, Select, Table, bindparam, func, select
from sqlalchemy.orm import Session

from backcare.assessments.models import Assessment, PlanVersion
from backcare.patients.models import Patient
from backcare.tracking.models import Alert, CheckIn, Measure, SessionLog

_ORDER = {
    "patients": ("id",),
    "assessments": ("created_at", "id"),
    "plan_versions": ("version",),
    "checkins": ("date", "id"),
    "session_logs": ("date", "id"),
    "measures": ("date", "id"),
    "alerts": ("created_at", "id"),
}
"""How each table's rows are ordered: oldest first, as every export lists them."""

_MODELS = (Patient, Assessment, PlanVersion, CheckIn, SessionLog, Measure, Alert)


def _table(table_name: str) -> Table:
    return next(cast(Table, m.__table__) for m in _MODELS if m.__tablename__ == table_name)


@cache
def _query(table_name: str) -> Select[Any]:
    table = _table(table_name)
    key = table.c.id if table_name == "patients" else table.c.patient_id
    order = [table.c[name] for name in _ORDER[table_name]]
    return select(*table.c).where(key == bindparam("patient_id")).order_by(*order)


def rows(session: Session, table_name: str, patient_id: str) -> Sequence[Row[Any]]:
    """Every row of one patient in ``table_name`` (a key of ``TABLES``), oldest first."""
    query = _query(table_name)
    return session.connection().execute(query, {"patient_id": patient_id}).all()


@cache
def _count_query(table_name: str) -> Select[int]:
    table = _table(table_name)
    return select(func.count()).where(table.c.patient_id == bindparam("patient_id"))


def count(session: Session, table_name: str, patient_id: str) -> int:
    """How many rows of one patient ``table_name`` holds."""
    found = session.connection().execute(_count_query(table_name), {"patient_id": patient_id})
    return int(found.scalar_one())


TABLES = tuple(_ORDER)
"""The tables a record is read from, the patient's own row first."""

"""Reading a person's record for export. Services take a Session and never commit."""

from __future__ import annotations

from collections.abc import Collection
from typing import TypeVar

from pydantic import BaseModel
from sqlalchemy.orm import Session

from backcare.assessments.schemas import AssessmentRead, PlanVersionRead
from backcare.errors import NotFoundError
from backcare.patients.schemas import PatientRead
from backcare.records import repository
from backcare.records.schemas import PatientRecord
from backcare.tracking.schemas import AlertRead, CheckInRead, MeasureRead, SessionLogRead

Schema = TypeVar("Schema", bound=BaseModel)
DIARY = frozenset({"assessments", "checkins", "session_logs", "measures"})
"""What the CSV tables read: no plan versions (two years of weekly plans are megabytes of JSON)."""
COUNTED = ("plan_versions", "checkins", "session_logs")


def load_record(
    session: Session, *, patient_id: str, tables: Collection[str] = repository.TABLES
) -> PatientRecord:
    """One person's record with the parts in ``tables`` (others empty); NotFoundError if unknown."""
    found = repository.rows(session, "patients", patient_id)
    if not found:
        raise NotFoundError(f"No patient has the id {patient_id!r}.")
    return PatientRecord(
        patient=PatientRead.model_validate(found[0], from_attributes=True),
        assessments=_read(session, "assessments", patient_id, AssessmentRead, tables),
        plan_versions=_read(session, "plan_versions", patient_id, PlanVersionRead, tables),
        checkins=_read(session, "checkins", patient_id, CheckInRead, tables),
        session_logs=_read(session, "session_logs", patient_id, SessionLogRead, tables),
        measures=_read(session, "measures", patient_id, MeasureRead, tables),
        alerts=_read(session, "alerts", patient_id, AlertRead, tables),
    )


def _read(
    session: Session, table: str, patient_id: str, schema: type[Schema], tables: Collection[str]
) -> tuple[Schema, ...]:
    if table not in tables:
        return ()
    # Rows, not ORM objects, validated by the same read schemas as everywhere else.
    found = repository.rows(session, table, patient_id)
    return tuple(schema.model_validate(row, from_attributes=True) for row in found)


def count_rows(session: Session, *, patient_id: str) -> dict[str, int]:
    """How many plan versions, check-ins and session logs a person has."""
    return {table: repository.count(session, table, patient_id) for table in COUNTED}

"""All SQL about patients."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from sqlalchemy import Select, bindparam, delete, select
from sqlalchemy.orm import Session

from backcare.patients.models import Patient


def add(session: Session, patient: Patient) -> Patient:
    """Insert a patient and give it its id."""
    session.add(patient)
    session.flush()
    return patient


def get(session: Session, patient_id: str, *, for_update: bool = False) -> Patient | None:
    """The patient with this id; ``for_update`` locks the row until the transaction ends."""
    query = select(Patient).where(Patient.id == patient_id)
    if for_update:
        query = query.with_for_update()
    return session.scalars(query).one_or_none()


@cache
def _exists_query() -> Select[str]:
    # Built once, on first use: every check-in asks this, and building the statement would
    # cost as much as running it.
    return select(Patient.id).where(Patient.id == bindparam("patient_id"))


def exists(session: Session, patient_id: str) -> bool:
    """Whether a patient with this id exists, without loading the row."""
    found = session.execute(_exists_query(), {"patient_id": patient_id}).scalar()
    return found is not None


def ids_starting_with(session: Session, prefix: str, *, limit: int = 2) -> Sequence[str]:
    """Up to ``limit`` patient ids beginning with ``prefix`` (a hex string, checked by callers)."""
    query = select(Patient.id).where(Patient.id.startswith(prefix, autoescape=True))
    return session.scalars(query.order_by(Patient.id).limit(limit)).all()


def ids_named_like(session: Session, prefix: str) -> Sequence[str]:
    """Ids of the patients whose display name starts with ``prefix``."""
    query = select(Patient.id).where(Patient.display_name.startswith(prefix, autoescape=True))
    return session.scalars(query.order_by(Patient.created_at, Patient.id)).all()


def list_all(
    session: Session, *, limit: int, offset: int = 0, only: Sequence[str] | None = None
) -> Sequence[Patient]:
    """Patients, oldest first; only those with the given ids when ``only`` is given."""
    query = select(Patient)
    if only is not None:
        query = query.where(Patient.id.in_(only))
    query = query.order_by(Patient.created_at, Patient.id).limit(limit).offset(offset)
    return session.scalars(query).all()


def delete_by_id(session: Session, patient_id: str) -> bool:
    """Delete a patient; the database's ON DELETE CASCADE erases all their rows."""
    query = delete(Patient).where(Patient.id == patient_id).returning(Patient.id)
    deleted = session.scalars(query.execution_options(synchronize_session=False)).first()
    return deleted is not None

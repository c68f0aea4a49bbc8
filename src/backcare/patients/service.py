"""Patient use cases. Services take a Session, never commit, and raise domain errors."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from backcare.audit.schemas import AuditActor
from backcare.audit.service import erase_patient_trail
from backcare.errors import InvalidInputError, NotFoundError
from backcare.patients import repository
from backcare.patients.models import Patient
from backcare.patients.schemas import PatientCreate, PatientRead

DEFAULT_PAGE = 100
# Short enough to type, long enough that a typo rarely lands on someone else.
MIN_PREFIX = 4
_HEX = re.compile(r"[0-9a-f]+")


def create_patient(session: Session, *, data: PatientCreate) -> PatientRead:
    """Store a new patient."""
    patient = Patient(
        display_name=data.display_name, preferences=data.preferences.model_dump(mode="json")
    )
    return PatientRead.model_validate(repository.add(session, patient))


def update_profile(session: Session, *, patient_id: str, data: PatientCreate) -> PatientRead:
    """Change a patient's shown name and preferences (a person answering the intake again)."""
    patient = require_patient(session, patient_id=patient_id)
    patient.display_name = data.display_name
    patient.preferences = data.preferences.model_dump(mode="json")
    session.flush()
    return PatientRead.model_validate(patient)


def get_patient(session: Session, *, patient_id: str) -> PatientRead:
    """One patient, or NotFoundError."""
    return PatientRead.model_validate(require_patient(session, patient_id=patient_id))


def list_patients(
    session: Session,
    *,
    limit: int = DEFAULT_PAGE,
    offset: int = 0,
    only: Sequence[str] | None = None,
) -> list[PatientRead]:
    """A page of patients, oldest first; ``only`` these ids when given."""
    if only is not None and not only:
        return []
    rows = repository.list_all(session, limit=limit, offset=offset, only=only)
    return [PatientRead.model_validate(row) for row in rows]


def require_patient(session: Session, *, patient_id: str, lock: bool = False) -> Patient:
    """The patient row, locked for the transaction when ``lock``; NotFoundError otherwise."""
    patient = repository.get(session, patient_id, for_update=lock)
    if patient is None:
        raise NotFoundError(f"No patient has the id {patient_id!r}.")
    return patient


def ensure_patient_exists(session: Session, *, patient_id: str) -> None:
    """NotFound unless the patient exists; cheaper than ``require_patient`` for hot paths."""
    if not repository.exists(session, patient_id):
        raise NotFoundError(f"No patient has the id {patient_id!r}.")


def resolve_patient_id(session: Session, *, text: str) -> str:
    """The full id for an id or a unique prefix of at least four characters, as typed at a CLI."""
    text = text.strip().lower()
    if not _HEX.fullmatch(text) or len(text) < MIN_PREFIX:
        raise InvalidInputError(
            f"patient: {text!r} is not a patient id (give the id, or its first "
            f"{MIN_PREFIX} or more characters)."
        )
    matches = repository.ids_starting_with(session, text)
    if not matches:
        raise NotFoundError(f"No patient has an id starting with {text!r}.")
    if len(matches) > 1:
        raise InvalidInputError(
            f"patient: more than one patient id starts with {text!r}; type more of it."
        )
    return matches[0]


def delete_patient(session: Session, *, patient_id: str) -> None:
    """Erase a patient and, through the database's cascades, everything recorded about them."""
    if not repository.delete_by_id(session, patient_id):
        raise NotFoundError(f"No patient has the id {patient_id!r}.")


def erase_patient(
    session: Session,
    *,
    patient_id: str,
    actor: AuditActor,
    source: str,
    at: datetime,
    account_ids: Sequence[str] = (),
) -> None:
    """Erase a person: their record goes, and the audit log keeps one line saying so.

    The details of earlier audit rows about them (or by ``account_ids``, their accounts) are
    sealed; see ``backcare.audit``. Every erasure path (CLI, API) comes through here.
    """
    delete_patient(session, patient_id=patient_id)
    erase_patient_trail(
        session, patient_id=patient_id, account_ids=account_ids, actor=actor, source=source, at=at
    )

"""Everything Backcare holds about one patient, as one JSON document (the right of access)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from backcare.access.export import access_sections
from backcare.records.document import EXPORT_FORMAT, record_document
from backcare.records.kept_sections import kept_sections
from backcare.records.service import load_record
from backcare.store.types import utcnow

__all__ = ["EXPORT_FORMAT", "export_patient"]


def export_patient(session: Session, *, patient_id: str) -> dict[str, Any]:
    """All of a patient's data, JSON-ready; every table that holds patient data appears here."""
    record = load_record(session, patient_id=patient_id)
    access = {
        **access_sections(session, patient_id=patient_id),
        **kept_sections(session, patient_id=patient_id),
    }
    return record_document(record, exported_at=utcnow(), access=access)

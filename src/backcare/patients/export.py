"""Everything Backcare holds about one patient, as one JSON document (the right of access)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from sqlalchemy.orm import Session

from backcare.access.export import access_sections
from backcare.assessments import service as assessments
from backcare.patients.service import get_patient
from backcare.store.types import utcnow
from backcare.tracking import service as tracking

EXPORT_FORMAT = "backcare-export/1"


def export_patient(session: Session, *, patient_id: str) -> dict[str, Any]:
    """All of a patient's data, JSON-ready; every table that holds patient data appears here."""
    patient = get_patient(session, patient_id=patient_id)
    sections: dict[str, list[BaseModel]] = {
        "assessments": list(assessments.list_assessments(session, patient_id=patient_id)),
        "plan_versions": list(assessments.plan_history(session, patient_id=patient_id)),
        "checkins": list(tracking.list_checkins(session, patient_id=patient_id)),
        "session_logs": list(tracking.list_sessions(session, patient_id=patient_id)),
        "measures": list(tracking.list_measures(session, patient_id=patient_id)),
        "alerts": list(tracking.list_alerts(session, patient_id=patient_id)),
        **access_sections(session, patient_id=patient_id),
    }
    return {
        "format": EXPORT_FORMAT,
        "exported_at": utcnow().isoformat().replace("+00:00", "Z"),
        "patient": patient.model_dump(mode="json"),
        **{name: [row.model_dump(mode="json") for row in rows] for name, rows in sections.items()},
    }

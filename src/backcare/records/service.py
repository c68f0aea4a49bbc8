"""Reading a person's record for export. Services take a Session and never commit."""

from __future__ import annotations

from sqlalchemy.orm import Session

from backcare.assessments import service as assessments
from backcare.patients.service import get_patient
from backcare.records.schemas import PatientRecord
from backcare.tracking import service as tracking


def load_record(session: Session, *, patient_id: str) -> PatientRecord:
    """The whole record of one person (NotFoundError for an unknown id)."""
    patient = get_patient(session, patient_id=patient_id)
    return PatientRecord(
        patient=patient,
        assessments=tuple(assessments.list_assessments(session, patient_id=patient_id)),
        plan_versions=tuple(assessments.plan_history(session, patient_id=patient_id)),
        checkins=tuple(tracking.list_checkins(session, patient_id=patient_id)),
        session_logs=tuple(tracking.list_sessions(session, patient_id=patient_id)),
        measures=tuple(tracking.list_measures(session, patient_id=patient_id)),
        alerts=tuple(tracking.list_alerts(session, patient_id=patient_id)),
    )

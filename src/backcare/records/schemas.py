"""A person's whole record read at once: what every export format is made from."""

from __future__ import annotations

from dataclasses import dataclass

from backcare.assessments.schemas import AssessmentRead, PlanVersionRead
from backcare.patients.schemas import PatientRead
from backcare.tracking.schemas import AlertRead, CheckInRead, MeasureRead, SessionLogRead


@dataclass(frozen=True, slots=True)
class PatientRecord:
    """Everything stored about one person, each list oldest first."""

    patient: PatientRead
    assessments: tuple[AssessmentRead, ...]
    plan_versions: tuple[PlanVersionRead, ...]
    checkins: tuple[CheckInRead, ...]
    session_logs: tuple[SessionLogRead, ...]
    measures: tuple[MeasureRead, ...]
    alerts: tuple[AlertRead, ...]

"""Where a review starts from: the latest intake, when it was given, and the current plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from backcare.assessments import service as assessments
from backcare.assessments.schemas import PlanVersionRead
from backcare.domain.intake import Intake
from backcare.domain.plan_model import Plan
from backcare.errors import InvalidInputError
from backcare.patients.service import require_patient


@dataclass(frozen=True, slots=True)
class CareState:
    """A patient's latest assessment and current plan version, ready for the domain."""

    patient_id: str
    intake: Intake
    assessed_on: dt.date
    assessment_id: int
    version: PlanVersionRead
    plan: Plan


def load_state(session: Session, *, patient_id: str) -> CareState | None:
    """The state to review, or None before the first assessment; locks the patient row."""
    # The lock holds for the whole transaction, so two reviews of one patient run one after
    # the other and never both build on the same plan version.
    require_patient(session, patient_id=patient_id, lock=True)
    version = assessments.current_plan(session, patient_id=patient_id)
    assessment = assessments.latest_assessment(session, patient_id=patient_id)
    if version is None or assessment is None:
        return None
    return CareState(
        patient_id=patient_id,
        intake=Intake.model_validate(assessment.intake),
        assessed_on=assessment.created_at.date(),
        assessment_id=assessment.id,
        version=version,
        plan=version.as_plan(),
    )


def require_state(session: Session, *, patient_id: str) -> CareState:
    """The state to review; InvalidInputError when there is no assessment to review yet."""
    state = load_state(session, patient_id=patient_id)
    if state is None:
        raise InvalidInputError(
            f"patient: {patient_id} has no assessment and plan yet, so there is nothing to "
            "review; run `backcare assess --patient` first."
        )
    return state

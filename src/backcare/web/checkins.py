"""Recording a check-in at the web edge: stored, and reviewed at once when it can matter."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from backcare.adaptation.service import check_in
from backcare.knowledge.loader import Knowledge
from backcare.tracking.checkin_words import saved_words
from backcare.tracking.schemas import CheckInCreate
from backcare.web.schemas import CheckInOutcome

WARNING_ADVICE = (
    "You reported a new warning symptom. Contact a doctor about it today; if it came on "
    "suddenly or is severe, call the emergency number or go to an emergency department now."
)


def checkin_outcome(
    session: Session, *, patient_id: str, data: CheckInCreate, knowledge: Knowledge, today: date
) -> CheckInOutcome:
    """Store the check-in, and review it at once when the review can change something."""
    checkin, report = check_in(
        session,
        patient_id=patient_id,
        data=data,
        knowledge=knowledge,
        today=today,
        review="when_needed",
    )
    # Without a plan there is nothing to re-triage against, so the advice is said plainly.
    advice = WARNING_ADVICE if checkin.warnings and report is None else None
    message = saved_words(checkin, today)
    return CheckInOutcome(checkin=checkin, review=report, advice=advice, message=message)

"""Recording a check-in at the web edge: stored, and reviewed at once when it can matter."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from backcare.adaptation.service import check_in
from backcare.jobs.service import review_completed_week
from backcare.knowledge.loader import Knowledge
from backcare.tracking.checkin_words import saved_words
from backcare.tracking.schemas import CheckInCreate
from backcare.web.schemas import CheckInOutcome

WARNING_ADVICE = (
    "You reported a new warning symptom. Contact a doctor about it today; if it came on "
    "suddenly or is severe, call the emergency number or go to an emergency department now."
)


def checkin_outcome(
    session: Session,
    *,
    patient_id: str,
    data: CheckInCreate,
    knowledge: Knowledge,
    today: date,
    now: datetime,
) -> CheckInOutcome:
    """Store the check-in, and review it at once when the review can change something; when
    a week of the plan has passed, review the week too (as the scheduler would, once)."""
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
    weekly = review_completed_week(
        session,
        patient_id=patient_id,
        checked_in=checkin.date,
        knowledge=knowledge,
        today=today,
        now=now,
    )
    return CheckInOutcome(
        checkin=checkin, review=report, advice=advice, message=message, weekly_review=weekly
    )

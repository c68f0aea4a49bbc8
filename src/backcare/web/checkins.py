"""Recording a check-in at the web edge: stored, and reviewed at once when it can matter."""

from __future__ import annotations

from sqlalchemy.orm import Session

from backcare.adaptation.service import check_in
from backcare.knowledge.loader import Knowledge
from backcare.tracking.schemas import CheckInCreate
from backcare.tracking.service import record_checkin
from backcare.web import repository
from backcare.web.schemas import CheckInOutcome

WARNING_ADVICE = (
    "You reported a new warning symptom. Contact a doctor about it today; if it came on "
    "suddenly or is severe, call the emergency number or go to an emergency department now."
)


def needs_review(session: Session, *, patient_id: str, data: CheckInCreate) -> bool:
    """Whether the check-in review can change anything: a warning sign, a flare-up, or a
    relief plan whose end may have come. A plain check-in on a usual plan fires no rule
    (tests/web/test_checkin_review_guard.py keeps this true), so it skips loading the plan.
    """
    if data.warnings or data.flare_up:
        return True
    return repository.relief_plan_until(session, patient_id) is not None


def checkin_outcome(
    session: Session, *, patient_id: str, data: CheckInCreate, knowledge: Knowledge
) -> CheckInOutcome:
    """Store the check-in; review it at once when it can matter (as the CLI does)."""
    if not needs_review(session, patient_id=patient_id, data=data):
        return CheckInOutcome(checkin=record_checkin(session, patient_id=patient_id, data=data))
    checkin, report = check_in(session, patient_id=patient_id, data=data, knowledge=knowledge)
    # Without a plan there is nothing to re-triage against, so the advice is said plainly.
    advice = WARNING_ADVICE if checkin.warnings and report is None else None
    return CheckInOutcome(checkin=checkin, review=report, advice=advice)

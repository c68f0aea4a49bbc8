"""Closed vocabularies of a report of having been seen, free of any database or web import."""

from __future__ import annotations

from enum import StrEnum


class SeenBy(StrEnum):
    """Who saw the person about the warning sign."""

    EMERGENCY_DEPARTMENT = "emergency_department"
    URGENT_CARE = "urgent_care"
    GP = "gp"
    HOSPITAL_SPECIALIST = "hospital_specialist"


SEEN_BY_WORDS: dict[SeenBy, str] = {
    SeenBy.EMERGENCY_DEPARTMENT: "A doctor at an emergency department",
    SeenBy.URGENT_CARE: "An urgent care or out-of-hours service",
    SeenBy.GP: "My family doctor (GP)",
    SeenBy.HOSPITAL_SPECIALIST: "A hospital specialist",
}


class SeenOutcome(StrEnum):
    """What the person was told, in simple choices."""

    NOTHING_SERIOUS = "nothing_serious"
    TREATED = "treated"
    FOLLOW_UP_ARRANGED = "follow_up_arranged"
    WAITING_FOR_RESULTS = "waiting_for_results"


OUTCOME_WORDS: dict[SeenOutcome, str] = {
    SeenOutcome.NOTHING_SERIOUS: "They found nothing that needs urgent treatment",
    SeenOutcome.TREATED: "I was treated and told I could go home",
    SeenOutcome.FOLLOW_UP_ARRANGED: "Another appointment or a test was arranged, not urgent",
    SeenOutcome.WAITING_FOR_RESULTS: "I am still waiting for test results",
}
UNSETTLED = frozenset({SeenOutcome.WAITING_FOR_RESULTS})
"""Outcomes after which only a clinician in the team may lift the safety plan."""


class ReportStatus(StrEnum):
    """A report: waiting for a clinician, then confirmed or declined; or, with no team,
    lifted by the re-triage alone."""

    WAITING = "waiting"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    LIFTED_WITHOUT_TEAM = "lifted_without_team"


class Confirmer(StrEnum):
    """Who confirmed that a doctor assessed a history-only red flag."""

    CLINICIAN = "clinician"
    """A clinician in the person's care team, deciding the person's report."""
    PERSON = "person"
    """The person, who has no care team, confirming the doctor knew of that history."""

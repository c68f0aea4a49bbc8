"""Closed vocabularies of the case review, free of any database or web import."""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    """Why a person is on a meeting's agenda (a person may be there for several)."""

    OPEN_ALERTS = "open_alerts"
    """An alert nobody has resolved yet."""
    FLAGGED = "flagged"
    """The week's reviews raised an alert, whether or not it is resolved since."""
    NOT_IMPROVING = "not_improving"
    """The week's mean pain is not an important change from the first assessment's."""
    ADDED = "added"
    """A clinician added them by hand."""


REASON_WORDS: dict[Reason, str] = {
    Reason.OPEN_ALERTS: "Open alerts",
    Reason.FLAGGED: "Flagged by this week's reviews",
    Reason.NOT_IMPROVING: "Not improving",
    Reason.ADDED: "Added by hand",
}


class OwnerKind(StrEnum):
    """Who carries out a decision: the person themselves, or a clinician in their team."""

    PERSON = "person"
    CLINICIAN = "clinician"


PERSON_OWNER = "person"
"""What a decision's ``owner`` field says to address the person themselves."""

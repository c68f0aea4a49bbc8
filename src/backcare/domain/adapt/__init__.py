"""Adaptation: rules with stable ids that change a plan week by week, each change explained."""

from backcare.domain.adapt.outcome import AlertDraft, Change, Review
from backcare.domain.adapt.review import checkin_review, resume_after_flare, weekly_review
from backcare.domain.adapt.rules import RULES, AdaptRule
from backcare.domain.adapt.warnings import UnknownWarningError, normalise

__all__ = [
    "RULES",
    "AdaptRule",
    "AlertDraft",
    "Change",
    "Review",
    "UnknownWarningError",
    "checkin_review",
    "normalise",
    "resume_after_flare",
    "weekly_review",
]

"""All tables in one MetaData, for migrations and for checks that models match them."""

from __future__ import annotations

import importlib

from sqlalchemy import MetaData

from backcare.store.base import Base

# Every feature package whose models.py defines tables; a new package is added here.
MODEL_MODULES = (
    "backcare.patients.models",
    "backcare.assessments.models",
    "backcare.tracking.models",
    "backcare.audit.models",
    "backcare.accounts.models",
    "backcare.access.models",
    "backcare.plan_edits.models",
    "backcare.notes.models",
    "backcare.messages.models",
    "backcare.team.models",
    "backcare.team.imported_models",
    "backcare.records.research_consent",
    "backcare.seen.models",
    "backcare.jobs.models",
    "backcare.reminders.models",
    "backcare.offline.models",
    "backcare.case_review.models",
    "backcare.referrals.models",
    "backcare.appointments.models",
)


def load_metadata() -> MetaData:
    """Import every feature's models so the shared metadata knows all their tables."""
    for module in MODEL_MODULES:
        importlib.import_module(module)
    return Base.metadata

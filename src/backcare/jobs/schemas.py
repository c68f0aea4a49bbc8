"""What a job run reports."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict


class RunOutcome(BaseModel):
    """One due review, and what became of it in this pass."""

    model_config = ConfigDict(frozen=True)

    patient_id: str
    week_ending: dt.date
    status: str
    """``done``, ``failed``, or ``skipped`` (another worker holds it or has run it)."""
    changed: bool = False
    alerts: int = 0


class RunSummary(BaseModel):
    """One pass of the runner: what was due and what each came to."""

    model_config = ConfigDict(frozen=True)

    worker: str
    today: dt.date
    outcomes: list[RunOutcome]

    def count(self, status: str) -> int:
        """How many outcomes had ``status``."""
        return sum(1 for outcome in self.outcomes if outcome.status == status)


class ReviewRunRead(BaseModel):
    """A kept run: the week, what the review said, and the plan version after it."""

    model_config = ConfigDict(from_attributes=True, frozen=True)

    patient_id: str
    week_ending: dt.date
    status: str
    summary: str
    plan_version: int | None
    changed: bool
    alerts: int
    finished_at: dt.datetime

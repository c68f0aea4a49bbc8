"""What goes into and comes out of the assessments package."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from backcare.domain.plan_model import Plan
from backcare.domain.text import Line, Text

REASON_MAX = 4000
"""The longest reason a plan version keeps; the plan's own explanation holds the full text."""


class Read(BaseModel):
    model_config = ConfigDict(from_attributes=True, frozen=True)


class AssessmentRead(Read):
    """A stored assessment: the intake as given and what triage and classification made of it."""

    id: int
    patient_id: str
    intake: dict[str, Any]
    triage: dict[str, Any]
    classification: dict[str, Any]
    knowledge_version: str
    created_at: datetime


class PlanVersionCreate(BaseModel):
    """A new version of a patient's plan, with who made it and why."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    plan: Plan
    created_by: Line = Field(min_length=1, max_length=100, description="Person or rule set.")
    reason: Text = Field(
        min_length=1, max_length=REASON_MAX, description="Why this version exists."
    )
    assessment_id: int | None = None
    reviewed_on: date | None = Field(default=None, description="The day a review looked at.")
    flare_until: date | None = Field(default=None, description="Last day of a relief plan.")
    resumes_version: int | None = Field(
        default=None, ge=1, description="The version a relief plan goes back to."
    )

    @model_validator(mode="after")
    def _flare_state_whole(self) -> PlanVersionCreate:
        if (self.flare_until is None) != (self.resumes_version is None):
            raise ValueError("flare_until and resumes_version go together: give both or neither")
        return self


class PlanVersionRead(Read):
    """A stored plan version; ``plan`` is contract 3 as JSON."""

    id: int
    patient_id: str
    version: int
    assessment_id: int | None
    plan: dict[str, Any]
    created_by: str
    reason: str
    reviewed_on: date | None = None
    flare_until: date | None = None
    resumes_version: int | None = None
    created_at: datetime

    def as_plan(self) -> Plan:
        """The plan as the domain model."""
        return Plan.model_validate(self.plan)


class AssessmentResult(BaseModel):
    """What an assessment produced: the snapshot and the plan version it started."""

    model_config = ConfigDict(frozen=True)

    assessment: AssessmentRead
    plan_version: PlanVersionRead

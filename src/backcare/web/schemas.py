"""Shapes the API adds around the feature packages' own schemas: pages, summaries, progress."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from backcare.adaptation.schemas import ReviewReport
from backcare.tracking.schemas import CheckInSaved

T = TypeVar("T")


class PageParams(BaseModel):
    model_config = ConfigDict(frozen=True)

    limit: int
    offset: int


class Page(BaseModel, Generic[T]):
    """One page of a list; ask again with ``offset=next_offset`` until it is null."""

    items: list[T]
    limit: int
    offset: int
    next_offset: int | None = Field(description="Offset of the next page; null on the last.")


def make_page(rows: Sequence[T], params: PageParams) -> Page[T]:
    """A page from up to ``limit + 1`` rows: the extra row only says another page exists."""
    more = len(rows) > params.limit
    return Page[T](
        items=list(rows[: params.limit]),
        limit=params.limit,
        offset=params.offset,
        next_offset=params.offset + params.limit if more else None,
    )


class Read(BaseModel):
    model_config = ConfigDict(from_attributes=True, frozen=True)


class PlanVersionSummary(Read):
    """A plan version without its body: when, by whom and why."""

    version: int
    assessment_id: int | None
    created_by: str
    reason: str
    created_at: dt.datetime


class PlanVersionHead(Read):
    """A stored plan version without its plan: ``PlanVersionRead`` less ``plan``."""

    id: int
    patient_id: str
    version: int
    assessment_id: int | None
    created_by: str
    reason: str
    reviewed_on: dt.date | None = None
    flare_until: dt.date | None = None
    resumes_version: int | None = None
    created_at: dt.datetime


class CheckInOutcome(BaseModel):
    """A stored check-in and the review it had at once (None before the first plan)."""

    checkin: CheckInSaved
    review: ReviewReport | None = Field(
        default=None, description="What the check-in review did, and the plan now in force."
    )
    advice: str | None = Field(default=None, description="What to do now, in plain words.")
    message: str = Field(
        default="",
        description="Saved, or updated when the check-in replaced the one made earlier that "
        "day (one check-in a day).",
    )
    weekly_review: ReviewReport | None = Field(
        default=None,
        description="The weekly review of the week this check-in completed, run at once (the "
        "same review, kept once, as the scheduler and `backcare jobs run-due` run); None when "
        "no week was due or it had been reviewed already.",
    )


class Health(BaseModel):
    status: str
    database: str

"""The weekly-review runs and the leases that let one worker at a time run a due review."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backcare.patients.models import patient_id_column
from backcare.store.base import Base
from backcare.store.types import RowId, UTCDateTime, utcnow

RUN_STATUSES = ("done", "failed")
LEASE_NAME_LENGTH = 100
HOLDER_LENGTH = 100


class ReviewRun(Base):
    """One weekly review the scheduler ran for a person's week, and what it came to.

    A row is written in the same transaction as the review itself, so a crash leaves neither;
    the unique (person, week) pair makes a second run of the same week impossible.
    """

    __tablename__ = "review_runs"
    __table_args__ = (
        UniqueConstraint("patient_id", "week_ending"),
        CheckConstraint(
            "status IN (" + ", ".join(repr(s) for s in RUN_STATUSES) + ")", name="status_known"
        ),
    )

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    patient_id: Mapped[str] = patient_id_column()
    week_ending: Mapped[dt.date]
    """The last day of the week reviewed (the review's "today")."""
    status: Mapped[str] = mapped_column(String(10))
    summary: Mapped[str] = mapped_column(Text, default="")
    """What the review said, in the person's words; empty for a failed run."""
    plan_version: Mapped[int | None]
    """The plan version in force after the review."""
    changed: Mapped[bool] = mapped_column(default=False)
    alerts: Mapped[int] = mapped_column(default=0)
    worker: Mapped[str] = mapped_column(String(HOLDER_LENGTH))
    finished_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class JobLease(Base):
    """Who is running one job now, and until when; an expired lease may be taken over."""

    __tablename__ = "job_leases"

    name: Mapped[str] = mapped_column(String(LEASE_NAME_LENGTH), primary_key=True)
    holder: Mapped[str] = mapped_column(String(HOLDER_LENGTH))
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())

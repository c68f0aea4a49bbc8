"""The table of reports of having been seen, and what became of each."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backcare.access.models import ACTOR_NAME_LENGTH
from backcare.accounts.vocabulary import one_of
from backcare.patients.models import patient_id_column
from backcare.seen.vocabulary import ReportStatus, SeenBy, SeenOutcome
from backcare.store.base import Base
from backcare.store.types import RowId, UTCDateTime, utcnow


class SeenReport(Base):
    """A person on a safety plan says a doctor has seen them; a decision follows.

    ``plan_version`` is the safety plan the report was about: a decision on a report whose plan
    is no longer current is refused. ``new_plan_version`` is the plan that replaced it.
    """

    __tablename__ = "seen_reports"
    __table_args__ = (
        Index("ix_seen_reports_patient_id", "patient_id"),
        CheckConstraint(one_of("seen_by", SeenBy), name="seen_by_known"),
        CheckConstraint(one_of("outcome", SeenOutcome), name="outcome_known"),
        CheckConstraint(one_of("status", ReportStatus), name="status_known"),
    )

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    patient_id: Mapped[str] = patient_id_column()
    plan_version: Mapped[int]
    seen_by: Mapped[str] = mapped_column(String(30))
    seen_on: Mapped[dt.date]
    outcome: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(30))
    reported_by: Mapped[str] = mapped_column(String(ACTOR_NAME_LENGTH))
    reported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_by: Mapped[str | None] = mapped_column(String(ACTOR_NAME_LENGTH))
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    decision_reason: Mapped[str | None] = mapped_column(Text)
    new_plan_version: Mapped[int | None]

"""The table of reports of having been seen, and what became of each."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import CheckConstraint, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backcare.access.models import ACTOR_NAME_LENGTH
from backcare.accounts.vocabulary import one_of
from backcare.patients.models import patient_id_column
from backcare.seen.vocabulary import Confirmer, ReportStatus, SeenBy, SeenOutcome
from backcare.store.base import Base
from backcare.store.types import JsonDoc, RowId, UTCDateTime, utcnow


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


class AssessedHistoryFlag(Base):
    """A red flag that fired on the person's history alone, assessed by a doctor
    (domain.history_flags): the rule, the answers it read then, the day, and who confirmed it.

    Kept, never changed: a new assessment of the same rule adds a row, and the latest counts.
    """

    __tablename__ = "assessed_history_flags"
    __table_args__ = (
        Index("ix_assessed_history_flags_patient_id", "patient_id"),
        CheckConstraint(one_of("confirmed_by", Confirmer), name="confirmed_by_known"),
    )

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    patient_id: Mapped[str] = patient_id_column()
    rule_id: Mapped[str] = mapped_column(String(20))
    snapshot: Mapped[dict[str, Any]] = mapped_column(JsonDoc)
    assessed_on: Mapped[dt.date]
    confirmed_by: Mapped[str] = mapped_column(String(20))
    recorded_by: Mapped[str] = mapped_column(String(ACTOR_NAME_LENGTH))
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    seen_report_id: Mapped[int | None]

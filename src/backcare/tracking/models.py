"""Check-in, session-log, measure and alert tables."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import CheckConstraint, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backcare.patients.models import Patient, patient_id_column
from backcare.store.base import Base
from backcare.store.types import JsonDoc, RowId, UTCDateTime, utcnow
from backcare.tracking.vocabulary import AlertKind, MeasureKind


def _one_of(column: str, values: type[MeasureKind] | type[AlertKind]) -> str:
    """A CHECK expression limiting a text column to an enum's values."""
    return f"{column} IN ({', '.join(repr(v.value) for v in values)})"


class CheckIn(Base):
    """A daily check-in: pain now, what was done, and any new warning symptom.

    One per person per calendar day: a second check-in that day replaces the first
    (tracking.service.record_checkin), so a day is never counted twice.
    """

    __tablename__ = "checkins"
    __table_args__ = (
        # Also the index every history query by patient and date uses.
        UniqueConstraint("patient_id", "date"),
        CheckConstraint("pain_now BETWEEN 0 AND 10", name="pain_now_range"),
        CheckConstraint("sessions_done >= 0", name="sessions_done_positive"),
        CheckConstraint("minutes >= 0", name="minutes_positive"),
    )

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    patient_id: Mapped[str] = patient_id_column()
    date: Mapped[dt.date]
    pain_now: Mapped[int]
    sessions_done: Mapped[int] = mapped_column(default=0)
    minutes: Mapped[int] = mapped_column(default=0)
    notes: Mapped[str] = mapped_column(Text, default="")
    # Codes of the warning questions answered "yes" (tracking.vocabulary.WarningSymptom).
    warnings: Mapped[list[str]] = mapped_column(JsonDoc, default=list)
    flare_up: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)

    patient: Mapped[Patient] = relationship(lazy="raise")


class SessionLog(Base):
    """One plan item done in a session: how long, how it felt, whether it was stopped."""

    __tablename__ = "session_logs"
    __table_args__ = (
        Index("ix_session_logs_patient_date", "patient_id", "date"),
        CheckConstraint("duration_seconds >= 0", name="duration_positive"),
        CheckConstraint("felt BETWEEN 0 AND 10", name="felt_range"),
    )

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    patient_id: Mapped[str] = patient_id_column()
    date: Mapped[dt.date]
    item_id: Mapped[str] = mapped_column(String(100))
    duration_seconds: Mapped[int]
    felt: Mapped[int]
    stopped_early: Mapped[bool] = mapped_column(default=False)
    stop_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)

    patient: Mapped[Patient] = relationship(lazy="raise")


class Measure(Base):
    """An outcome measure on a date; ``value`` holds the answers and derived scores."""

    __tablename__ = "measures"
    __table_args__ = (
        Index("ix_measures_patient_kind_date", "patient_id", "kind", "date"),
        CheckConstraint(_one_of("kind", MeasureKind), name="kind_known"),
    )

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    patient_id: Mapped[str] = patient_id_column()
    kind: Mapped[str] = mapped_column(String(20))
    date: Mapped[dt.date]
    value: Mapped[dict[str, Any]] = mapped_column(JsonDoc)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)

    patient: Mapped[Patient] = relationship(lazy="raise")


class Alert(Base):
    """Something about a patient that needs a person's attention until resolved.

    Its state (backcare.alerts): open, then acknowledged by a clinician in the team (with an
    optional note), then resolved with a reason; who did each step and when is kept.
    """

    __tablename__ = "alerts"
    __table_args__ = (
        Index("ix_alerts_patient_resolved", "patient_id", "resolved"),
        CheckConstraint(_one_of("kind", AlertKind), name="kind_known"),
    )

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    patient_id: Mapped[str] = patient_id_column()
    kind: Mapped[str] = mapped_column(String(30))
    detail: Mapped[dict[str, Any]] = mapped_column(JsonDoc, default=dict)
    resolved: Mapped[bool] = mapped_column(default=False)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    acknowledged_by: Mapped[str | None] = mapped_column(String(100))
    acknowledged_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    acknowledge_note: Mapped[str | None] = mapped_column(Text)
    resolved_by: Mapped[str | None] = mapped_column(String(100))
    resolve_reason: Mapped[str | None] = mapped_column(Text)

    patient: Mapped[Patient] = relationship(lazy="raise")

"""Assessment and plan-version tables: written once, never updated."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backcare.patients.models import Patient, patient_id_column
from backcare.store.base import Base
from backcare.store.types import JsonDoc, RowId, UTCDateTime, utcnow


class Assessment(Base):
    """What the person said (intake) and what Backcare concluded, as it was at the time."""

    __tablename__ = "assessments"
    __table_args__ = (Index("ix_assessments_patient_created", "patient_id", "created_at"),)

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    patient_id: Mapped[str] = patient_id_column()
    intake: Mapped[dict[str, Any]] = mapped_column(JsonDoc)
    triage: Mapped[dict[str, Any]] = mapped_column(JsonDoc)
    classification: Mapped[dict[str, Any]] = mapped_column(JsonDoc)
    knowledge_version: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    patient: Mapped[Patient] = relationship(lazy="raise")


class PlanVersion(Base):
    """One version of a patient's plan (contract 3 JSON); the current plan is the highest.

    A version made by a review records the day it reviewed (``reviewed_on``). A flare-up relief
    plan also records the last day of the flare (``flare_until``) and the version to go back to
    afterwards (``resumes_version``); other versions leave both empty.
    """

    __tablename__ = "plan_versions"
    __table_args__ = (
        UniqueConstraint("patient_id", "version"),
        CheckConstraint("version >= 1", name="version_positive"),
        CheckConstraint(
            "(flare_until IS NULL) = (resumes_version IS NULL)", name="flare_state_complete"
        ),
    )

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    patient_id: Mapped[str] = patient_id_column()
    version: Mapped[int]
    assessment_id: Mapped[int | None] = mapped_column(
        RowId, ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    plan: Mapped[dict[str, Any]] = mapped_column(JsonDoc)
    created_by: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text)
    reviewed_on: Mapped[date | None]
    flare_until: Mapped[date | None]
    resumes_version: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    patient: Mapped[Patient] = relationship(lazy="raise")
    assessment: Mapped[Assessment | None] = relationship(lazy="raise")

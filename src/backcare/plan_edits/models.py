"""Plan edits (who changed the plan, from which version, why, what was overridden) and the
custom exercises a clinician wrote for one person."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Float, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backcare.patients.models import patient_id_column
from backcare.store.base import Base
from backcare.store.types import JsonDoc, RowId, UTCDateTime, utcnow

AUTHOR_LENGTH = 100


class PlanEdit(Base):
    """One clinician's edit of a plan: the plan version it made and everything about it.

    Written once, never changed. ``kept`` is what the weekly review keeps as the clinicians left
    it (items they added or changed, ids they removed), carried forward from edit to edit.
    """

    __tablename__ = "plan_edits"
    __table_args__ = (
        UniqueConstraint("patient_id", "version"),
        Index("ix_plan_edits_patient_created", "patient_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    patient_id: Mapped[str] = patient_id_column()
    version: Mapped[int]
    based_on_version: Mapped[int]
    author_id: Mapped[str | None] = mapped_column(String(32))
    author_name: Mapped[str] = mapped_column(String(AUTHOR_LENGTH))
    profession: Mapped[str | None] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text)
    changes: Mapped[list[dict[str, Any]]] = mapped_column(JsonDoc)
    overrides: Mapped[list[dict[str, Any]]] = mapped_column(JsonDoc)
    kept: Mapped[dict[str, Any]] = mapped_column(JsonDoc)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CustomExercise(Base):
    """An exercise a clinician wrote for this person; in a plan it reads like a catalog item."""

    __tablename__ = "custom_exercises"
    __table_args__ = (UniqueConstraint("patient_id", "code"),)

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    patient_id: Mapped[str] = patient_id_column()
    code: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(120))
    summary: Mapped[str] = mapped_column(Text)
    steps: Mapped[list[str]] = mapped_column(JsonDoc)
    dose: Mapped[str] = mapped_column(String(200))
    minutes: Mapped[float] = mapped_column(Float)
    contraindications: Mapped[list[str]] = mapped_column(JsonDoc)
    cautions: Mapped[list[str]] = mapped_column(JsonDoc)
    created_by: Mapped[str] = mapped_column(String(AUTHOR_LENGTH))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

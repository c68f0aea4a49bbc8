"""The clinical notes table: a draft may change; a signed note never does (addenda follow it)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backcare.accounts.vocabulary import one_of
from backcare.notes.vocabulary import NoteKind, Visibility
from backcare.patients.models import patient_id_column
from backcare.store.base import Base
from backcare.store.types import RowId, UTCDateTime, utcnow


class ClinicalNote(Base):
    """A clinician's note on a person's record; ``addendum_to`` names the signed note it amends.

    An addendum is signed when written and takes its note's visibility.
    """

    __tablename__ = "clinical_notes"
    __table_args__ = (
        CheckConstraint(one_of("kind", NoteKind), name="kind_known"),
        CheckConstraint(one_of("visibility", Visibility), name="visibility_known"),
        Index("ix_clinical_notes_patient_created", "patient_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    patient_id: Mapped[str] = patient_id_column()
    author_id: Mapped[str | None] = mapped_column(String(32))
    author_name: Mapped[str] = mapped_column(String(100))
    profession: Mapped[str | None] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))
    visibility: Mapped[str] = mapped_column(String(20))
    body: Mapped[str] = mapped_column(Text)
    addendum_to: Mapped[int | None] = mapped_column(
        RowId, ForeignKey("clinical_notes.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

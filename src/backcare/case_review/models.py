"""Case-review tables: meetings, their attendees, agenda entries, decisions and addenda.

A meeting belongs to a clinic or to one person's care team. While it is open its minutes and
attendees may change; once closed it is read-only and only an addendum adds to it (like a
signed note). Decisions are written once and never changed.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backcare.accounts.models import account_id_column
from backcare.accounts.vocabulary import one_of
from backcare.case_review.vocabulary import OwnerKind
from backcare.patients.models import patient_id_column
from backcare.store.base import Base
from backcare.store.types import JsonDoc, RowId, UTCDateTime, utcnow

NAME_LENGTH = 100
TITLE_LENGTH = 120


def meeting_id_column() -> Mapped[int]:
    """The meeting a row belongs to; deleting the meeting deletes the row."""
    return mapped_column(RowId, ForeignKey("case_reviews.id", ondelete="CASCADE"))


class CaseReview(Base):
    """One case-review meeting, about the week that ends on ``held_on``."""

    __tablename__ = "case_reviews"
    __table_args__ = (
        CheckConstraint("(clinic_id IS NULL) <> (patient_id IS NULL)", name="a_clinic_or_a_team"),
        Index("ix_case_reviews_clinic_held", "clinic_id", "held_on"),
        Index("ix_case_reviews_patient_held", "patient_id", "held_on"),
    )

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    clinic_id: Mapped[int | None] = mapped_column(
        RowId, ForeignKey("clinics.id", ondelete="CASCADE")
    )
    patient_id: Mapped[str | None] = patient_id_column()
    """The person whose care team meets (a team meeting); None for a clinic's."""
    title: Mapped[str] = mapped_column(String(TITLE_LENGTH))
    held_on: Mapped[dt.date]
    opened_by: Mapped[str] = mapped_column(String(NAME_LENGTH))
    opened_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    minutes: Mapped[str] = mapped_column(Text, default="")
    closed_by: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class CaseReviewAttendee(Base):
    """A clinician at the meeting."""

    __tablename__ = "case_review_attendees"
    __table_args__ = (UniqueConstraint("meeting_id", "clinician_id"),)

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    meeting_id: Mapped[int] = meeting_id_column()
    clinician_id: Mapped[str] = account_id_column(index=False)


class CaseReviewItem(Base):
    """A person on the agenda: added by hand while the meeting is open, and every person the
    agenda held when it closed (so a closed meeting keeps the agenda it had)."""

    __tablename__ = "case_review_items"
    __table_args__ = (
        UniqueConstraint("meeting_id", "patient_id"),
        Index("ix_case_review_items_patient", "patient_id"),
    )

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    meeting_id: Mapped[int] = meeting_id_column()
    patient_id: Mapped[str] = patient_id_column()
    reasons: Mapped[list[str]] = mapped_column(JsonDoc, default=list)
    """Why they were on the agenda when the meeting closed (empty while it is open)."""
    added_by: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    """The clinician who added them by hand (None: the agenda brought them)."""
    added_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CaseReviewDecision(Base):
    """A decision about a person's care: what, who carries it out, by when. Written once."""

    __tablename__ = "case_review_decisions"
    __table_args__ = (
        CheckConstraint(one_of("owner_kind", OwnerKind), name="owner_kind_known"),
        CheckConstraint(
            "(owner_kind = 'clinician') = (owner_id IS NOT NULL)", name="clinician_owner_named"
        ),
        Index("ix_case_review_decisions_meeting_patient", "meeting_id", "patient_id"),
        Index("ix_case_review_decisions_patient_owner", "patient_id", "owner_kind"),
    )

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    meeting_id: Mapped[int] = meeting_id_column()
    patient_id: Mapped[str] = patient_id_column()
    text: Mapped[str] = mapped_column(Text)
    owner_kind: Mapped[str] = mapped_column(String(20))
    owner_id: Mapped[str | None] = mapped_column(String(32))
    """The clinician's account (no foreign key: a decision outlives the account)."""
    owner_name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    due_on: Mapped[dt.date]
    decided_by: Mapped[str] = mapped_column(String(NAME_LENGTH))
    profession: Mapped[str | None] = mapped_column(String(40))
    decided_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CaseReviewAddendum(Base):
    """Text added to a closed meeting's minutes, signed by its author as it is written."""

    __tablename__ = "case_review_addenda"

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        RowId, ForeignKey("case_reviews.id", ondelete="CASCADE"), index=True
    )
    body: Mapped[str] = mapped_column(Text)
    author_name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)

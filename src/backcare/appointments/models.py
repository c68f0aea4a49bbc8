"""Appointment tables: one proposal (its clinician, place or link, status) and its times."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backcare.access.models import ACTOR_NAME_LENGTH
from backcare.accounts.models import account_id_column
from backcare.accounts.vocabulary import one_of
from backcare.domain.appointment_flow import AppointmentStatus, Mode
from backcare.patients.models import patient_id_column
from backcare.store.base import Base
from backcare.store.types import RowId, UTCDateTime, utcnow

UID_LENGTH = 64
PLACE_LENGTH = 300
URL_LENGTH = 500


class Appointment(Base):
    """A clinician's proposal of one or more times to the person; accepted, one time is chosen.

    ``uid`` is the iCalendar UID, made once and never changed; ``sequence`` is the iCalendar
    SEQUENCE, raised by every change after the proposal (accepting, cancelling).
    """

    __tablename__ = "appointments"
    __table_args__ = (
        CheckConstraint(one_of("status", AppointmentStatus), name="status_known"),
        CheckConstraint(one_of("mode", Mode), name="mode_known"),
        CheckConstraint(
            "(mode = 'in_person' AND place IS NOT NULL AND video_url IS NULL)"
            " OR (mode = 'video' AND video_url IS NOT NULL)",
            name="place_or_link",
        ),
        Index("ix_appointments_patient_created", "patient_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    uid: Mapped[str] = mapped_column(String(UID_LENGTH), unique=True)
    patient_id: Mapped[str] = patient_id_column()
    clinician_id: Mapped[str] = account_id_column()
    clinician_name: Mapped[str] = mapped_column(String(ACTOR_NAME_LENGTH))
    profession: Mapped[str | None] = mapped_column(String(40))
    referral_id: Mapped[int | None] = mapped_column(
        RowId, ForeignKey("referrals.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[str] = mapped_column(String(20), default=AppointmentStatus.PROPOSED.value)
    mode: Mapped[str] = mapped_column(String(20))
    place: Mapped[str | None] = mapped_column(String(PLACE_LENGTH))
    video_url: Mapped[str | None] = mapped_column(String(URL_LENGTH))
    note: Mapped[str | None] = mapped_column(Text)
    sequence: Mapped[int] = mapped_column(default=0)
    answered_by: Mapped[str | None] = mapped_column(String(ACTOR_NAME_LENGTH))
    cancelled_by: Mapped[str | None] = mapped_column(String(ACTOR_NAME_LENGTH))
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AppointmentTime(Base):
    """One time offered in a proposal (UTC); ``chosen`` marks the one the person accepted."""

    __tablename__ = "appointment_times"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        Index("ix_appointment_times_clinician_start", "clinician_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    appointment_id: Mapped[int] = mapped_column(
        RowId, ForeignKey("appointments.id", ondelete="CASCADE"), index=True
    )
    patient_id: Mapped[str] = patient_id_column()
    clinician_id: Mapped[str] = account_id_column(index=False)
    """Copied from the appointment so the clash check reads one indexed table."""
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    chosen: Mapped[bool] = mapped_column(default=False)

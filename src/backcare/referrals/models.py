"""Referral tables: the referral as it stands now, and every step taken on it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backcare.access.models import ACTOR_NAME_LENGTH
from backcare.accounts.vocabulary import Profession, one_of
from backcare.domain.referral_flow import ReferralStatus
from backcare.patients.models import patient_id_column
from backcare.store.base import Base
from backcare.store.types import RowId, UTCDateTime, utcnow

ACCOUNT_REF_LENGTH = 32
PLAN_ITEM_LENGTH = 120


class Referral(Base):
    """A referral of the person to a profession (and maybe a named clinician or a clinic).

    ``counter_to`` names the referral this one answers (a counter-referral back to the
    referring clinician). Account ids are kept without a foreign key, with the name beside
    them, so the history still says who acted after an account is removed.
    """

    __tablename__ = "referrals"
    __table_args__ = (
        CheckConstraint(one_of("status", ReferralStatus), name="status_known"),
        CheckConstraint(one_of("profession", Profession), name="profession_known"),
        Index("ix_referrals_patient_created", "patient_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    patient_id: Mapped[str] = patient_id_column()
    status: Mapped[str] = mapped_column(String(20), default=ReferralStatus.REQUESTED.value)
    profession: Mapped[str] = mapped_column(String(40))
    to_clinician_id: Mapped[str | None] = mapped_column(String(ACCOUNT_REF_LENGTH))
    to_clinician_name: Mapped[str | None] = mapped_column(String(ACTOR_NAME_LENGTH))
    clinic_id: Mapped[int | None] = mapped_column(
        RowId, ForeignKey("clinics.id", ondelete="SET NULL")
    )
    clinic_name: Mapped[str | None] = mapped_column(String(120))
    plan_item_id: Mapped[str | None] = mapped_column(String(PLAN_ITEM_LENGTH))
    plan_version: Mapped[int | None]
    reason: Mapped[str] = mapped_column(Text)
    referred_by_id: Mapped[str | None] = mapped_column(String(ACCOUNT_REF_LENGTH))
    referred_by_name: Mapped[str] = mapped_column(String(ACTOR_NAME_LENGTH))
    referred_by_profession: Mapped[str | None] = mapped_column(String(40))
    counter_to: Mapped[int | None] = mapped_column(
        RowId, ForeignKey("referrals.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ReferralEvent(Base):
    """One step of a referral: what it became, who took the step (and their profession), when."""

    __tablename__ = "referral_events"
    __table_args__ = (CheckConstraint(one_of("status", ReferralStatus), name="status_known"),)

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    referral_id: Mapped[int] = mapped_column(
        RowId, ForeignKey("referrals.id", ondelete="CASCADE"), index=True
    )
    patient_id: Mapped[str] = patient_id_column()
    status: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[str | None] = mapped_column(String(ACCOUNT_REF_LENGTH))
    actor_name: Mapped[str] = mapped_column(String(ACTOR_NAME_LENGTH))
    actor_profession: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)
    """The reason of a decline; what was booked; free words on any other step."""
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

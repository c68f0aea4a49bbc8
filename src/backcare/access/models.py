"""Care access (a person's record opened to a clinician) and break-glass openings by admins."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backcare.accounts.models import account_id_column
from backcare.patients.models import patient_id_column
from backcare.store.base import Base
from backcare.store.types import RowId, UTCDateTime, utcnow

ACTOR_NAME_LENGTH = 100


class CareAccess(Base):
    """A clinician may reach a person's record while this grant is not revoked.

    Grants are made when a clinician accepts a person's invitation (backcare.team), at the
    command line, recording the person's consent, and by a clinician who creates a record (they
    are the one caring for it). ``whole_record`` says the person consented to the whole record,
    exports included; ``plan_and_progress_only`` that they share their plan and progress and
    nothing else (the policy's WITH_PLAN_AND_PROGRESS_CONSENT); with neither, the clinician may
    read and add to the record for their care. ``lead`` marks the team's lead clinician (at most
    one live grant per record).
    """

    __tablename__ = "care_access"
    __table_args__ = (
        Index("ix_care_access_clinician_patient", "clinician_id", "patient_id"),
        Index("ix_care_access_patient_id", "patient_id"),
        CheckConstraint(
            "NOT (whole_record AND plan_and_progress_only)", name="one_share_of_the_record"
        ),
    )

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    patient_id: Mapped[str] = patient_id_column()
    clinician_id: Mapped[str] = account_id_column(index=False)
    granted_by: Mapped[str] = mapped_column(String(ACTOR_NAME_LENGTH))
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    whole_record: Mapped[bool] = mapped_column(default=False)
    plan_and_progress_only: Mapped[bool] = mapped_column(default=False)
    lead: Mapped[bool] = mapped_column(default=False)
    revoked_by: Mapped[str | None] = mapped_column(String(ACTOR_NAME_LENGTH))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class BreakGlass(Base):
    """An admin's time-limited, reasoned opening of a record, shown to the person and to admins."""

    __tablename__ = "break_glass"
    __table_args__ = (
        Index("ix_break_glass_admin_patient", "admin_id", "patient_id"),
        Index("ix_break_glass_patient_id", "patient_id"),
    )

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    admin_id: Mapped[str] = account_id_column(index=False)
    patient_id: Mapped[str] = patient_id_column()
    reason: Mapped[str] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())

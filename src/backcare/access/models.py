"""Care access (a person's record opened to a clinician) and break-glass openings by admins."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backcare.accounts.models import account_id_column
from backcare.patients.models import patient_id_column
from backcare.store.base import Base
from backcare.store.types import RowId, UTCDateTime, utcnow

ACTOR_NAME_LENGTH = 100


class CareAccess(Base):
    """A clinician may reach a person's record while this grant is not revoked.

    The consent workflow (the person granting it from their pages) comes with the care team;
    until then grants are made at the command line, recording the person's consent, and by a
    clinician who creates a record (they are the one caring for it). ``whole_record`` says the
    person consented to the whole record, exports included; otherwise the clinician may read
    and add to it for their care.
    """

    __tablename__ = "care_access"
    __table_args__ = (
        Index("ix_care_access_clinician_patient", "clinician_id", "patient_id"),
        Index("ix_care_access_patient_id", "patient_id"),
    )

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    patient_id: Mapped[str] = patient_id_column()
    clinician_id: Mapped[str] = account_id_column(index=False)
    granted_by: Mapped[str] = mapped_column(String(ACTOR_NAME_LENGTH))
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    whole_record: Mapped[bool] = mapped_column(default=False)
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

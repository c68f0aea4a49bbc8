"""Care-team tables: clinics and their clinicians, invitations, and lead hand-overs.

The grant itself is backcare.access.models.CareAccess: an accepted invitation makes one.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backcare.access.models import ACTOR_NAME_LENGTH
from backcare.accounts.models import HASH_LENGTH, account_id_column
from backcare.accounts.vocabulary import one_of
from backcare.patients.models import patient_id_column
from backcare.store.base import Base
from backcare.store.types import RowId, UTCDateTime, utcnow
from backcare.team.vocabulary import HandoverStatus, InviteStatus, Share

CLINIC_NAME_LENGTH = 120


class Clinic(Base):
    """A place clinicians work together; an admin creates it and adds its clinicians."""

    __tablename__ = "clinics"

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    name: Mapped[str] = mapped_column(String(CLINIC_NAME_LENGTH), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ClinicMember(Base):
    """A clinician belongs to a clinic (a clinician may belong to several)."""

    __tablename__ = "clinic_members"
    __table_args__ = (UniqueConstraint("clinic_id", "clinician_id"),)

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    clinic_id: Mapped[int] = mapped_column(
        RowId, ForeignKey("clinics.id", ondelete="CASCADE"), index=True
    )
    clinician_id: Mapped[str] = account_id_column()
    added_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class TeamInvite(Base):
    """A person's invitation to join their care team: only the code's hash is kept.

    Single use: accepting or declining spends it; it expires unused after a week.
    """

    __tablename__ = "team_invites"
    __table_args__ = (
        Index("ix_team_invites_patient_id", "patient_id"),
        CheckConstraint(one_of("share", Share), name="share_known"),
        CheckConstraint(one_of("status", InviteStatus), name="status_known"),
        CheckConstraint(
            "(status IN ('accepted', 'declined')) = (clinician_id IS NOT NULL)",
            name="answered_by_a_clinician",
        ),
    )

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    patient_id: Mapped[str] = patient_id_column()
    code_hash: Mapped[str] = mapped_column(String(HASH_LENGTH), unique=True)
    share: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default=InviteStatus.OPEN.value)
    created_by: Mapped[str] = mapped_column(String(ACTOR_NAME_LENGTH))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    clinician_id: Mapped[str | None] = account_id_column(index=False)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class LeadHandover(Base):
    """The lead role offered to another clinician in the team, who accepts or declines it."""

    __tablename__ = "lead_handovers"
    __table_args__ = (
        Index("ix_lead_handovers_patient_id", "patient_id"),
        CheckConstraint(one_of("status", HandoverStatus), name="status_known"),
    )

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    patient_id: Mapped[str] = patient_id_column()
    to_clinician_id: Mapped[str] = account_id_column(index=False)
    offered_by: Mapped[str] = mapped_column(String(ACTOR_NAME_LENGTH))
    offered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    status: Mapped[str] = mapped_column(String(20), default=HandoverStatus.OFFERED.value)
    answered_by: Mapped[str | None] = mapped_column(String(ACTOR_NAME_LENGTH))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

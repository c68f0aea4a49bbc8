"""Care teams a record had in another Backcare or system, kept as a FHIR import gave them.

An imported CareTeam names clinicians of somewhere else: it is history, never a grant. No row
here lets anyone reach the record (SAFETY.md H-201); the person's consent is given again here,
through an invitation, to whom they choose.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from backcare.patients.models import patient_id_column
from backcare.store.base import Base
from backcare.store.types import RowId, UTCDateTime, utcnow

NAME_LENGTH = 100
TEAM_NAME_LENGTH = 200


class ImportedTeamMember(Base):
    """One participant of an imported care team; ``team`` numbers the record's imported teams
    in the order they were imported (the team's status and name repeat on each member)."""

    __tablename__ = "imported_team_members"
    __table_args__ = (Index("ix_imported_team_members_patient_team", "patient_id", "team"),)

    id: Mapped[int] = mapped_column(RowId, primary_key=True)
    patient_id: Mapped[str] = patient_id_column()
    team: Mapped[int] = mapped_column(Integer)
    team_status: Mapped[str] = mapped_column(String(20))
    team_name: Mapped[str | None] = mapped_column(String(TEAM_NAME_LENGTH))
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    profession: Mapped[str | None] = mapped_column(String(40))
    lead: Mapped[bool] = mapped_column(Boolean, default=False)
    share: Mapped[str | None] = mapped_column(String(20))
    start: Mapped[datetime | None] = mapped_column(UTCDateTime())
    end: Mapped[datetime | None] = mapped_column(UTCDateTime())
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

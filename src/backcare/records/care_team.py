"""The care team's part of a person's export: invitations, lead hand-overs, "I have been seen"
reports, plan edits, custom exercises, notes, messages.

The person's right of access covers what their team wrote about them, so every note is in it,
whatever its visibility: an export is the whole record, which only the person and a clinician
with whole-record consent may take.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from backcare.messages.models import Message, MessageThread
from backcare.notes.models import ClinicalNote
from backcare.plan_edits.models import CustomExercise, PlanEdit
from backcare.records.research_consent import ResearchConsent
from backcare.seen.models import SeenReport
from backcare.store.base import Base
from backcare.team.imported_models import ImportedTeamMember
from backcare.team.models import LeadHandover, TeamInvite


class Row(BaseModel):
    """A stored row as its columns (the tables are the documentation of these sections)."""

    model_config = ConfigDict(extra="allow", frozen=True)


TABLES: dict[str, type[Base]] = {
    "team_invites": TeamInvite,
    "lead_handovers": LeadHandover,
    "seen_reports": SeenReport,
    "plan_edits": PlanEdit,
    "custom_exercises": CustomExercise,
    "clinical_notes": ClinicalNote,
    "message_threads": MessageThread,
    "messages": Message,
    "imported_team_members": ImportedTeamMember,
    "research_consents": ResearchConsent,
}

SECRET = frozenset({"code_hash"})


def care_team_sections(session: Session, *, patient_id: str) -> dict[str, list[BaseModel]]:
    """Every row of the care team's tables about this person, oldest first."""
    out: dict[str, list[BaseModel]] = {}
    for name, model in TABLES.items():
        table: Any = model.__table__
        rows = session.execute(
            select(table).where(table.c.patient_id == patient_id).order_by(table.c.id)
        ).mappings()
        # An invitation's code hash is a credential's trace, not the person's information.
        out[name] = [Row(**{k: v for k, v in row.items() if k not in SECRET}) for row in rows]
    return out

"""The care team's part of a person's export: invitations, lead hand-overs, "I have been seen"
reports and the history-only red flags a doctor assessed, plan edits, custom exercises, notes,
messages, referrals and appointments, and case reviews (their team's meetings, the agendas that
held them, and the decisions about them).

The person's right of access covers what their team wrote about them, so every note is in
their export (and the command line's), whatever its visibility. A clinician with whole-record
consent gets the notes they may read (backcare.notes.service), never another clinician's
working note or draft (SAFETY.md H-200).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from backcare.access.policy import Actor, Kind
from backcare.appointments.models import Appointment, AppointmentTime
from backcare.case_review.models import CaseReview, CaseReviewDecision, CaseReviewItem
from backcare.messages.models import Message, MessageThread
from backcare.notes.models import ClinicalNote
from backcare.notes.service import list_notes
from backcare.plan_edits.models import CustomExercise, PlanEdit
from backcare.records.research_consent import ResearchConsent
from backcare.referrals.models import Referral, ReferralEvent
from backcare.seen.models import AssessedHistoryFlag, SeenReport
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
    "assessed_history_flags": AssessedHistoryFlag,
    "plan_edits": PlanEdit,
    "custom_exercises": CustomExercise,
    "clinical_notes": ClinicalNote,
    "message_threads": MessageThread,
    "messages": Message,
    "case_reviews": CaseReview,
    "case_review_items": CaseReviewItem,
    "case_review_decisions": CaseReviewDecision,
    "referrals": Referral,
    "referral_events": ReferralEvent,
    "appointments": Appointment,
    "appointment_times": AppointmentTime,
    "imported_team_members": ImportedTeamMember,
    "research_consents": ResearchConsent,
}

SECRET = frozenset({"code_hash"})


def care_team_sections(
    session: Session, *, patient_id: str, reader: Actor | None = None
) -> dict[str, list[BaseModel]]:
    """Every row of the care team's tables about this person, oldest first (a clinician
    ``reader``: only the notes they may read)."""
    readable = _readable_notes(session, patient_id, reader)
    out: dict[str, list[BaseModel]] = {}
    for name, model in TABLES.items():
        table: Any = model.__table__
        rows = session.execute(
            select(table).where(table.c.patient_id == patient_id).order_by(table.c.id)
        ).mappings()
        # An invitation's code hash is a credential's trace, not the person's information.
        out[name] = [
            Row(**{k: v for k, v in row.items() if k not in SECRET})
            for row in rows
            if readable is None or name != "clinical_notes" or row["id"] in readable
        ]
    return out


def _readable_notes(session: Session, patient_id: str, reader: Actor | None) -> set[int] | None:
    """The ids of the notes and addenda a clinician may read (None: every note)."""
    if reader is None or reader.kind is not Kind.CLINICIAN:
        return None
    notes = list_notes(session, patient_id=patient_id, actor=reader)
    return {note.id for note in notes} | {a.id for note in notes for a in note.addenda}

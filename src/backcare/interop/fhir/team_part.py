"""The care team's resources in a Bundle: written for export, read and stored on import.

On the way in, notes keep their author's name and profession but are tied to no account of
this Backcare (``author_id`` empty), messages likewise: nobody here can edit, sign or pass off
as theirs a note written elsewhere (SAFETY.md H-202). Care teams are kept as history and give
no access (H-201).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backcare.interop.fhir.care_team import care_team_resource, read_care_team
from backcare.interop.fhir.communication import (
    ReadMessage,
    communications,
    read_communication,
    threads_of,
)
from backcare.interop.fhir.document_reference import (
    ReadNote,
    check_addenda,
    documents,
    read_document,
)
from backcare.interop.fhir.ids import resource_id
from backcare.interop.fhir.team_record import CareRecord, Team
from backcare.messages.models import Message, MessageThread
from backcare.notes.models import ClinicalNote
from backcare.team.imported_models import ImportedTeamMember

Resource = dict[str, Any]


def team_resources(care: CareRecord, *, patient_id: str, subject: Resource) -> list[Resource]:
    """The care teams, then the notes with their addenda, then the messages."""
    rid = partial(resource_id, patient_id)
    found = [
        care_team_resource(team, rid=rid("CareTeam", number), subject=subject)
        for number, team in enumerate(care.teams)
    ]
    found += documents(
        care.notes, rid=lambda note, place: rid("Note", f"{note}/{place}"), subject=subject
    )
    found += communications(
        care.threads, rid=lambda thread, place: rid("Message", f"{thread}/{place}"), subject=subject
    )
    return found


@dataclass
class TeamImport:
    """The care team's part of a Bundle, read and checked, ready to store."""

    teams: list[Team] = field(default_factory=list)
    notes: list[ReadNote] = field(default_factory=list)
    messages: list[ReadMessage] = field(default_factory=list)


def _care_team(part: TeamImport, resource: Resource, _url: str, where: str) -> None:
    part.teams.append(read_care_team(resource, where))


def _document(part: TeamImport, resource: Resource, url: str, where: str) -> None:
    part.notes.append(read_document(resource, url, where))


def _communication(part: TeamImport, resource: Resource, url: str, where: str) -> None:
    part.messages.append(read_communication(resource, url, where))


TeamReader = Callable[[TeamImport, Resource, str, str], None]
TEAM_READERS: dict[str, TeamReader] = {
    "CareTeam": _care_team,
    "DocumentReference": _document,
    "Communication": _communication,
}


@dataclass(frozen=True, slots=True)
class TeamCounts:
    """What an import stored of the care team's part."""

    care_teams: int
    notes: int
    messages: int


def store_team(
    session: Session, part: TeamImport, *, patient_id: str, now: dt.datetime
) -> TeamCounts:
    """Check how the notes and messages hang together, then store them (the caller commits)."""
    check_addenda(part.notes)
    threads = threads_of(part.messages)
    _store_teams(session, part.teams, patient_id, now)
    _store_notes(session, part.notes, patient_id)
    for thread in threads:
        first, last = thread.messages[0], thread.messages[-1]
        row = MessageThread(
            patient_id=patient_id,
            subject=thread.subject,
            started_by=first.author_name,
            created_at=first.created_at,
            last_message_at=last.created_at,
        )
        session.add(row)
        session.flush()
        session.add_all(
            Message(
                thread_id=row.id,
                patient_id=patient_id,
                author_id=None,
                author_role=said.author_role,
                author_name=said.author_name,
                body=said.body,
                created_at=said.created_at,
            )
            for said in thread.messages
        )
    session.flush()
    return TeamCounts(len(part.teams), len(part.notes), len(part.messages))


def _store_teams(session: Session, teams: list[Team], patient_id: str, now: dt.datetime) -> None:
    taken = session.scalar(
        select(func.max(ImportedTeamMember.team)).where(ImportedTeamMember.patient_id == patient_id)
    )
    for number, team in enumerate(teams, start=(taken or 0) + 1):
        session.add_all(
            ImportedTeamMember(
                patient_id=patient_id,
                team=number,
                team_status=team.status,
                team_name=team.name,
                name=member.name,
                profession=member.profession.value if member.profession else None,
                lead=member.lead,
                share=member.share,
                start=member.start,
                end=member.end,
                imported_at=now,
            )
            for member in team.members
        )


def _store_notes(session: Session, notes: list[ReadNote], patient_id: str) -> None:
    """Notes first (for their new ids), then the addenda that append to them."""
    ids: dict[str, int] = {}
    for note in (n for n in notes if n.appends is None):
        row = _note_row(note, patient_id, None)
        session.add(row)
        session.flush()
        ids[note.url] = row.id
    session.add_all(
        _note_row(note, patient_id, ids[note.appends]) for note in notes if note.appends is not None
    )


def _note_row(note: ReadNote, patient_id: str, addendum_to: int | None) -> ClinicalNote:
    written = note.written
    return ClinicalNote(
        patient_id=patient_id,
        author_id=None,
        author_name=written.author_name,
        profession=written.profession.value if written.profession else None,
        kind=written.kind.value,
        visibility=written.visibility.value,
        body=written.body,
        addendum_to=addendum_to,
        created_at=written.created_at,
        updated_at=written.updated_at,
        signed_at=written.signed_at,
    )

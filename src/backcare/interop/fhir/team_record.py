"""The care team's part of a record as one reader may see it: the team over time, the clinical
notes with their addenda, and the message threads.

What goes in follows the one policy and the notes' own visibility rule: the export itself is
``record.export`` (the person, a clinician with whole-record consent, the command line), each
note is one the reader may read (backcare.notes.service.list_notes: an author-only note or a
draft reaches its author alone, a team note never the person), and the policy gives every
actor who may export the right to read the team and the messages too (a test holds it to
that). A plan-and-progress share may not export at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

from sqlalchemy import select
from sqlalchemy.orm import Session

from backcare.access.policy import Actor
from backcare.accounts.vocabulary import Profession
from backcare.messages.models import Message, MessageThread
from backcare.notes.schemas import NoteRead
from backcare.notes.service import list_notes
from backcare.team import repository as team_rows
from backcare.team.imported_models import ImportedTeamMember
from backcare.team.members import share_of

LOCAL_TEAM = "Care team in Backcare"


@dataclass(frozen=True, slots=True)
class Member:
    """A clinician in a care team, over the time they were in it."""

    name: str
    profession: Profession | None
    lead: bool
    share: str | None
    start: dt.datetime | None
    end: dt.datetime | None


@dataclass(frozen=True, slots=True)
class Team:
    """A care team: this Backcare's, or one an import brought."""

    name: str | None
    status: str
    members: tuple[Member, ...]


@dataclass(frozen=True, slots=True)
class Said:
    """One message of a thread."""

    author_name: str
    author_role: str
    body: str
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class Thread:
    """A conversation: its subject and its messages, oldest first."""

    subject: str
    messages: tuple[Said, ...]


@dataclass(frozen=True, slots=True)
class CareRecord:
    """The care team's part of a record, each list oldest first."""

    teams: tuple[Team, ...] = ()
    notes: tuple[NoteRead, ...] = ()
    threads: tuple[Thread, ...] = ()


def load_care(session: Session, *, patient_id: str, reader: Actor) -> CareRecord:
    """What ``reader``, already allowed to export the record, may see of its care team."""
    notes = list_notes(session, patient_id=patient_id, actor=reader)
    return CareRecord(
        teams=(*_local_team(session, patient_id), *_imported_teams(session, patient_id)),
        notes=tuple(reversed(notes)),
        threads=_threads(session, patient_id),
    )


def _local_team(session: Session, patient_id: str) -> tuple[Team, ...]:
    rows = team_rows.grants_over_time(session, patient_id)
    if not rows:
        return ()
    members = tuple(
        Member(
            name=name,
            profession=Profession(profession) if profession else None,
            lead=grant.lead and grant.revoked_at is None,
            share=str(share_of(grant.whole_record, grant.plan_and_progress_only)),
            start=grant.granted_at,
            end=grant.revoked_at,
        )
        for grant, name, profession in rows
    )
    live = any(member.end is None for member in members)
    return (Team(LOCAL_TEAM, "active" if live else "inactive", members),)


def _imported_teams(session: Session, patient_id: str) -> tuple[Team, ...]:
    rows = session.scalars(
        select(ImportedTeamMember)
        .where(ImportedTeamMember.patient_id == patient_id)
        .order_by(ImportedTeamMember.team, ImportedTeamMember.id)
    ).all()
    teams = []
    for _number, group in groupby(rows, key=lambda row: row.team):
        members = list(group)
        teams.append(
            Team(
                name=members[0].team_name,
                status=members[0].team_status,
                members=tuple(
                    Member(
                        name=row.name,
                        profession=Profession(row.profession) if row.profession else None,
                        lead=row.lead,
                        share=row.share,
                        start=row.start,
                        end=row.end,
                    )
                    for row in members
                ),
            )
        )
    return tuple(teams)


def _threads(session: Session, patient_id: str) -> tuple[Thread, ...]:
    threads = session.scalars(
        select(MessageThread)
        .where(MessageThread.patient_id == patient_id)
        .order_by(MessageThread.created_at, MessageThread.id)
    ).all()
    messages = session.scalars(
        select(Message).where(Message.patient_id == patient_id).order_by(Message.id)
    ).all()
    by_thread: dict[int, list[Said]] = {}
    for message in messages:
        by_thread.setdefault(message.thread_id, []).append(
            Said(message.author_name, message.author_role, message.body, message.created_at)
        )
    return tuple(Thread(thread.subject, tuple(by_thread.get(thread.id, []))) for thread in threads)

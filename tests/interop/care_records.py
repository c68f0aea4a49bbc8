"""A record's care team, notes and messages made through the services, for the FHIR tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine

from backcare.access import grants
from backcare.access.actors import operator
from backcare.access.policy import Actor, Kind
from backcare.accounts.repository import account_by_name
from backcare.accounts.schemas import AccountCreate
from backcare.accounts.service import create_account
from backcare.accounts.vocabulary import Profession, Role
from backcare.messages.schemas import MessageCreate, ThreadCreate
from backcare.messages.service import reply, start_thread
from backcare.notes.schemas import AddendumCreate, NoteCreate
from backcare.notes.service import add_addendum, write_note
from backcare.notes.vocabulary import NoteKind, Visibility
from backcare.store.db import unit_of_work
from backcare.team import repository as team_rows

AT = dt.datetime(2024, 2, 1, 9, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Clinicians:
    """The clinicians of a record's team as actors, the person as an actor."""

    lead: Actor
    other: Actor
    person: Actor


def clinician(engine: Engine, name: str, profession: Profession) -> Actor:
    """A clinician's account (made once per database) as an actor."""
    with unit_of_work(engine) as session:
        account = account_by_name(session, name)
        if account is None:
            data = AccountCreate(username=name, role=Role.CLINICIAN, profession=profession)
            create_account(session, data=data)
            account = account_by_name(session, name)
        assert account is not None
        return Actor(kind=Kind.CLINICIAN, name=name, account_id=account.id)


def give_team(engine: Engine, patient_id: str, *, tag: str = "") -> Clinicians:
    """A physiotherapist who leads (whole record), a doctor (whole record), and a massage
    therapist who was in the team and left."""
    lead = clinician(engine, f"physio{tag}", Profession.PHYSIOTHERAPIST)
    other = clinician(engine, f"doctor{tag}", Profession.DOCTOR)
    gone = clinician(engine, f"masseur{tag}", Profession.MASSAGE_THERAPIST)
    with unit_of_work(engine) as session:
        for number, actor in enumerate((lead, other, gone)):
            grants.grant(
                session,
                clinician=actor.name,
                patient_id=patient_id,
                by=operator(),
                source="test",
                now=AT + dt.timedelta(days=number),
                whole_record=True,
            )
        grants.revoke(
            session,
            clinician=gone.name,
            patient_id=patient_id,
            by=operator(),
            source="test",
            now=AT + dt.timedelta(days=9),
        )
        assert lead.account_id is not None
        live = team_rows.live_grant_of(session, patient_id, lead.account_id)
        assert live is not None
        team_rows.set_lead(session, patient_id, live.id)
    return Clinicians(lead, other, Actor(kind=Kind.PERSON, name="ann", patient_id=patient_id))


def note(
    engine: Engine,
    patient_id: str,
    author: Actor,
    body: str,
    *,
    visibility: Visibility = Visibility.TEAM_AND_PERSON,
    sign: bool = True,
    kind: NoteKind = NoteKind.PROGRESS,
    day: int = 0,
) -> int:
    """A note by ``author``; its id."""
    data = NoteCreate(kind=kind, visibility=visibility, body=body, sign=sign)
    with unit_of_work(engine) as session:
        made = write_note(
            session,
            patient_id=patient_id,
            data=data,
            actor=author,
            now=AT + dt.timedelta(days=day, hours=1),
        )
        return made.id


def addendum(
    engine: Engine, patient_id: str, note_id: int, author: Actor, body: str, *, day: int = 0
) -> None:
    """An addendum to a signed note."""
    with unit_of_work(engine) as session:
        add_addendum(
            session,
            patient_id=patient_id,
            note_id=note_id,
            data=AddendumCreate(body=body),
            actor=author,
            now=AT + dt.timedelta(days=day, hours=2),
        )


def conversation(
    engine: Engine, patient_id: str, subject: str, said: list[tuple[Actor, str]], *, day: int = 0
) -> None:
    """A thread: the first speaker starts it, the others reply in turn."""
    with unit_of_work(engine) as session:
        first, body = said[0]
        at = AT + dt.timedelta(days=day, hours=3)
        thread = start_thread(
            session,
            patient_id=patient_id,
            data=ThreadCreate(subject=subject, body=body),
            actor=first,
            now=at,
        )
        for number, (who, words) in enumerate(said[1:], start=1):
            reply(
                session,
                patient_id=patient_id,
                thread_id=thread.id,
                data=MessageCreate(body=words),
                actor=who,
                now=at + dt.timedelta(minutes=number),
            )


def full_care(engine: Engine, patient_id: str, *, tag: str = "") -> Clinicians:
    """A team, notes of every kind of visibility (a draft, an author-only note, a team note,
    a note for the person with an addendum by another clinician) and two conversations."""
    team = give_team(engine, patient_id, tag=tag)
    shared = note(engine, patient_id, team.lead, "Walking 20 minutes a day.\nNo warning signs.")
    addendum(engine, patient_id, shared, team.other, "Seen by the GP: agree.", day=1)
    note(
        engine,
        patient_id,
        team.lead,
        "Working idea: fear of bending.",
        visibility=Visibility.AUTHOR,
        day=2,
    )
    note(engine, patient_id, team.lead, "Draft: review in two weeks.", sign=False, day=3)
    note(
        engine,
        patient_id,
        team.other,
        "Team only: sleep is poor.",
        visibility=Visibility.TEAM,
        kind=NoteKind.ASSESSMENT,
        day=4,
    )
    conversation(
        engine,
        patient_id,
        "Pain after walking",
        [(team.person, "My back aches after walks."), (team.lead, "Shorter walks, twice a day.")],
        day=1,
    )
    conversation(engine, patient_id, "Next visit", [(team.lead, "See you on Monday.")], day=2)
    return team

"""Clinical-note use cases: write, edit a draft, sign, amend, and read what one may see.

A signed note is never changed: an edit is refused (409) and the only way to add to it is an
addendum, itself signed as it is written (SAFETY.md H-155). Who may read a note follows its
visibility (SAFETY.md H-156): the person reads signed notes meant for them; clinicians in the
person's care read signed notes for the team and the person, and their own drafts and
author-only notes. A note the reader may not see is not found, exactly like a missing one.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from backcare.access.policy import Actor, Kind
from backcare.accounts.repository import account_by_id
from backcare.errors import ConflictError, ForbiddenError, NotFoundError
from backcare.notes.models import ClinicalNote
from backcare.notes.schemas import AddendumCreate, AddendumRead, NoteCreate, NoteRead, NoteUpdate
from backcare.notes.vocabulary import NoteKind, Visibility
from backcare.patients.service import require_patient

NO_NOTE = "No note you may see has the id {id}."


def write_note(
    session: Session, *, patient_id: str, data: NoteCreate, actor: Actor, now: dt.datetime
) -> NoteRead:
    """A new note by the clinician ``actor`` (signed at once when ``data.sign``)."""
    require_patient(session, patient_id=patient_id)
    row = ClinicalNote(
        patient_id=patient_id,
        author_id=actor.account_id,
        author_name=actor.name,
        profession=_profession(session, actor),
        kind=data.kind.value,
        visibility=data.visibility.value,
        body=data.body,
        created_at=now,
        updated_at=now,
        signed_at=now if data.sign else None,
    )
    session.add(row)
    session.flush()
    return _read(row, [])


def edit_note(
    session: Session,
    *,
    patient_id: str,
    note_id: int,
    data: NoteUpdate,
    actor: Actor,
    now: dt.datetime,
) -> NoteRead:
    """Change a draft; a signed note is refused (409), someone else's note too (403)."""
    row = _visible(session, patient_id, note_id, actor, lock=True)
    if row.signed_at is not None:
        raise ConflictError(
            f"note: note {note_id} is signed, so it cannot be changed; add an addendum instead."
        )
    # Drafts are visible to their author alone, so this holds already; kept so that a change
    # of visibility rules can never let one clinician rewrite another's words.
    _require_author(row, actor, "edit")
    if data.kind is not None:
        row.kind = data.kind.value
    if data.visibility is not None:
        row.visibility = data.visibility.value
    if data.body is not None:
        row.body = data.body
    row.updated_at = now
    session.flush()
    return _read(row, [])


def sign_note(
    session: Session, *, patient_id: str, note_id: int, actor: Actor, now: dt.datetime
) -> NoteRead:
    """Sign a draft: from now on it is read-only (409 when it is signed already)."""
    row = _visible(session, patient_id, note_id, actor, lock=True)
    if row.signed_at is not None:
        raise ConflictError(f"note: note {note_id} is already signed.")
    _require_author(row, actor, "sign")
    row.signed_at = now
    session.flush()
    return _read(row, [])


def add_addendum(
    session: Session,
    *,
    patient_id: str,
    note_id: int,
    data: AddendumCreate,
    actor: Actor,
    now: dt.datetime,
) -> NoteRead:
    """Amend a signed note with a signed addendum (409 for a draft, which is edited instead)."""
    row = _visible(session, patient_id, note_id, actor, lock=True)
    if row.addendum_to is not None:
        raise ConflictError(
            f"note: {note_id} is an addendum; add to the note it amends ({row.addendum_to})."
        )
    if row.signed_at is None:
        raise ConflictError(
            f"note: note {note_id} is a draft; change it, or sign it and then add an addendum."
        )
    addendum = ClinicalNote(
        patient_id=patient_id,
        author_id=actor.account_id,
        author_name=actor.name,
        profession=_profession(session, actor),
        kind=row.kind,
        visibility=row.visibility,
        body=data.body,
        addendum_to=row.id,
        created_at=now,
        updated_at=now,
        signed_at=now,
    )
    session.add(addendum)
    session.flush()
    return get_note(session, patient_id=patient_id, note_id=note_id, actor=actor)


def get_note(session: Session, *, patient_id: str, note_id: int, actor: Actor) -> NoteRead:
    """One note with its addenda, if the reader may see it (else NotFoundError)."""
    row = _visible(session, patient_id, note_id, actor)
    if row.addendum_to is not None:
        raise NotFoundError(NO_NOTE.format(id=note_id))
    return _read(row, _addenda(session, [row.id]).get(row.id, []))


def list_notes(
    session: Session, *, patient_id: str, actor: Actor, kind: NoteKind | None = None
) -> list[NoteRead]:
    """The notes the reader may see, newest first, each with its addenda."""
    require_patient(session, patient_id=patient_id)
    query = (
        select(ClinicalNote)
        .where(ClinicalNote.patient_id == patient_id, ClinicalNote.addendum_to.is_(None))
        .where(*_visible_to(actor))
        .order_by(ClinicalNote.created_at.desc(), ClinicalNote.id.desc())
    )
    if kind is not None:
        query = query.where(ClinicalNote.kind == kind.value)
    rows = list(session.scalars(query))
    addenda = _addenda(session, [row.id for row in rows])
    return [_read(row, addenda.get(row.id, [])) for row in rows]


def _visible_to(actor: Actor) -> list[ColumnElement[bool]]:
    """The conditions that keep the notes ``actor`` may read (SAFETY.md H-156)."""
    signed_for_person = (ClinicalNote.signed_at.is_not(None)) & (
        ClinicalNote.visibility == Visibility.TEAM_AND_PERSON.value
    )
    match actor.kind:
        case Kind.PERSON:
            return [signed_for_person]
        case Kind.CLINICIAN:
            signed_for_team = (ClinicalNote.signed_at.is_not(None)) & (
                ClinicalNote.visibility.in_(
                    [Visibility.TEAM_AND_PERSON.value, Visibility.TEAM.value]
                )
            )
            return [or_(signed_for_team, ClinicalNote.author_id == actor.account_id)]
        case Kind.OPERATOR:
            return []
        case Kind.ADMIN:
            return [ClinicalNote.id.is_(None)]  # never: the policy refuses first anyway


def _visible(
    session: Session, patient_id: str, note_id: int, actor: Actor, *, lock: bool = False
) -> ClinicalNote:
    query = select(ClinicalNote).where(
        ClinicalNote.id == note_id, ClinicalNote.patient_id == patient_id, *_visible_to(actor)
    )
    if lock:
        query = query.with_for_update()
    row = session.scalars(query).one_or_none()
    if row is None:
        raise NotFoundError(NO_NOTE.format(id=note_id))
    return row


def _require_author(row: ClinicalNote, actor: Actor, what: str) -> None:
    if actor.kind is not Kind.OPERATOR and row.author_id != actor.account_id:
        raise ForbiddenError(
            f"note: only {row.author_name}, who wrote note {row.id}, may {what} it; add an "
            "addendum once it is signed."
        )


def _addenda(session: Session, note_ids: list[int]) -> dict[int, list[AddendumRead]]:
    if not note_ids:
        return {}
    rows = session.scalars(
        select(ClinicalNote)
        .where(ClinicalNote.addendum_to.in_(note_ids))
        .order_by(ClinicalNote.created_at, ClinicalNote.id)
    )
    out: dict[int, list[AddendumRead]] = {}
    for row in rows:
        assert row.addendum_to is not None
        out.setdefault(row.addendum_to, []).append(AddendumRead.model_validate(row))
    return out


def _read(row: ClinicalNote, addenda: list[AddendumRead]) -> NoteRead:
    return NoteRead(
        id=row.id,
        kind=NoteKind(row.kind),
        visibility=Visibility(row.visibility),
        author_name=row.author_name,
        profession=row.profession,
        body=row.body,
        created_at=row.created_at,
        updated_at=row.updated_at,
        signed_at=row.signed_at,
        addenda=addenda,
    )


def _profession(session: Session, actor: Actor) -> str | None:
    if actor.account_id is None:
        return None
    account = account_by_id(session, actor.account_id)
    return None if account is None else account.profession

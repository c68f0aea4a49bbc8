"""Clinical notes as DocumentReferences (kind, who may read it, signed or draft, addenda), and
back.

A note is a DocumentReference whose text is a plain-text attachment. A draft is
``docStatus`` preliminary; a signed note final, or amended once addenda follow it; when it
was signed is Backcare's signed-at extension and who signed it the ``authenticator``. An
addendum is a DocumentReference of its own that ``appends`` to its note (relatesTo), signed as
it was written. Who may read the note is its security label, in Backcare's visibility codes
and, for other systems, in HL7's confidentiality codes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from backcare.accounts.vocabulary import Profession
from backcare.interop.fhir.assessment import instant
from backcare.interop.fhir.codes import coding, concept
from backcare.interop.fhir.ids import problem, ref
from backcare.interop.fhir.parts import moment
from backcare.interop.fhir.team_codes import (
    AUTHOR_PROFESSION_EXTENSION,
    CONFIDENTIALITY,
    NOTE_KIND,
    NOTE_KIND_WORDS,
    NOTE_VISIBILITY,
    SIGNED_AT_EXTENSION,
    TEXT_PLAIN,
    VISIBILITY_CONFIDENTIALITY,
    VISIBILITY_WORDS,
    profession_concept,
    read_profession,
)
from backcare.interop.fhir.team_text import decoded, encoded, line, text
from backcare.notes.schemas import BODY_MAX, NoteRead
from backcare.notes.vocabulary import NoteKind, Visibility

Resource = dict[str, Any]
NAME_MAX = 100
APPENDS = "appends"


@dataclass(frozen=True, slots=True)
class Written:
    """A note or an addendum as a DocumentReference carries it."""

    kind: NoteKind
    visibility: Visibility
    author_name: str
    profession: Profession | None
    body: str
    created_at: dt.datetime
    updated_at: dt.datetime
    signed_at: dt.datetime | None


def documents(
    notes: tuple[NoteRead, ...], *, rid: Callable[[int, int], str], subject: Resource
) -> Iterator[Resource]:
    """Each note, then its addenda; ``rid(note, place)`` ids them (place 0 is the note)."""
    for note in notes:
        own = rid(note.id, 0)
        status = "amended" if note.addenda else ("final" if note.signed_at else "preliminary")
        yield _document(_written(note), rid=own, doc_status=status, subject=subject, appends=None)
        for place, addendum in enumerate(note.addenda, start=1):
            written = Written(
                note.kind,
                note.visibility,
                addendum.author_name,
                _profession(addendum.profession),
                addendum.body,
                addendum.created_at,
                addendum.created_at,
                addendum.created_at,
            )
            yield _document(
                written, rid=rid(note.id, place), doc_status="final", subject=subject, appends=own
            )


def _written(note: NoteRead) -> Written:
    return Written(
        note.kind,
        note.visibility,
        note.author_name,
        _profession(note.profession),
        note.body,
        note.created_at,
        note.updated_at,
        note.signed_at,
    )


def _profession(value: str | None) -> Profession | None:
    return Profession(value) if value in {p.value for p in Profession} else None


def _document(
    written: Written, *, rid: str, doc_status: str, subject: Resource, appends: str | None
) -> Resource:
    code, words = VISIBILITY_CONFIDENTIALITY[written.visibility]
    extensions: list[Resource] = []
    if written.profession is not None:
        extensions.append(
            {
                "url": AUTHOR_PROFESSION_EXTENSION,
                "valueCodeableConcept": profession_concept(written.profession),
            }
        )
    if written.signed_at is not None:
        extensions.append({"url": SIGNED_AT_EXTENSION, "valueDateTime": instant(written.signed_at)})
    resource: Resource = {
        "resourceType": "DocumentReference",
        "id": rid,
        "meta": {"lastUpdated": instant(written.updated_at)},
        "status": "current",
        "docStatus": doc_status,
        "type": concept(NOTE_KIND, written.kind.value, NOTE_KIND_WORDS[written.kind]),
        "subject": subject,
        "date": instant(written.created_at),
        "author": [{"display": written.author_name}],
        "securityLabel": [
            {"coding": [coding(CONFIDENTIALITY, code, words)]},
            concept(
                NOTE_VISIBILITY, written.visibility.value, VISIBILITY_WORDS[written.visibility]
            ),
        ],
        "content": [{"attachment": {"contentType": TEXT_PLAIN, "data": encoded(written.body)}}],
    }
    if extensions:
        resource["extension"] = extensions
    if written.signed_at is not None:
        resource["authenticator"] = {"display": written.author_name}
    if appends is not None:
        resource["relatesTo"] = [{"code": APPENDS, "target": ref(appends)}]
    return resource


@dataclass(frozen=True, slots=True)
class ReadNote:
    """A DocumentReference read: the note, its docStatus, the note it appends to."""

    url: str
    written: Written
    doc_status: str
    appends: str | None
    where: str


def read_document(resource: Resource, url: str, where: str) -> ReadNote:
    """The note a DocumentReference holds; a draft claiming a signature (or the reverse)
    is refused."""
    kind = _code(resource.get("type"), NOTE_KIND, {k.value for k in NoteKind}, where, "type")
    labels = resource.get("securityLabel") or []
    visibility = None
    for number, label in enumerate(labels):
        if any(c.get("system") == NOTE_VISIBILITY for c in label.get("coding") or []):
            field = f"securityLabel[{number}]"
            visibility = _code(label, NOTE_VISIBILITY, {v.value for v in Visibility}, where, field)
    if visibility is None:
        raise problem(where, "securityLabel", f"needs who may read the note ({NOTE_VISIBILITY}).")
    authors = resource.get("author") or []
    if len(authors) != 1:
        raise problem(where, "author", "must name the one clinician who wrote the note.")
    name = line(authors[0].get("display"), where, "author[0].display", longest=NAME_MAX)
    extensions = {e.get("url"): e for e in resource.get("extension") or []}
    profession = None
    if AUTHOR_PROFESSION_EXTENSION in extensions:
        concept_ = extensions[AUTHOR_PROFESSION_EXTENSION].get("valueCodeableConcept")
        profession = read_profession(concept_, where, "extension[author-profession]")
    signed = moment(extensions.get(SIGNED_AT_EXTENSION, {}), "valueDateTime", where)
    doc_status = resource.get("docStatus")
    if doc_status not in ("preliminary", "final", "amended"):
        raise problem(where, "docStatus", "must be preliminary (a draft), final or amended.")
    if (doc_status == "preliminary") != (signed is None):
        raise problem(
            where,
            "docStatus",
            f"{doc_status!r} does not fit the note: a draft is preliminary and has no "
            "signed-at; a signed note is final or amended and says when it was signed.",
        )
    created = moment(resource, "date", where)
    if created is None:
        raise problem(where, "date", "is missing; Backcare needs when the note was written.")
    updated = moment(resource.get("meta") or {}, "lastUpdated", f"{where}.meta") or created
    body = _body(resource, where)
    relations = resource.get("relatesTo") or []
    if any(r.get("code") != APPENDS for r in relations) or len(relations) > 1:
        raise problem(where, "relatesTo", "Backcare reads one relation: an addendum 'appends'.")
    appends = str((relations[0].get("target") or {}).get("reference")) if relations else None
    written = Written(
        NoteKind(kind), Visibility(visibility), name, profession, body, created, updated, signed
    )
    return ReadNote(url, written, str(doc_status), appends, where)


def _body(resource: Resource, where: str) -> str:
    contents = resource.get("content") or []
    if len(contents) != 1:
        raise problem(where, "content", "must be one attachment: the note's text.")
    attachment = contents[0].get("attachment") or {}
    if not str(attachment.get("contentType", "")).startswith("text/plain"):
        raise problem(where, "content[0].attachment.contentType", "must be text/plain.")
    body = decoded(attachment.get("data"), where, "content[0].attachment.data")
    return text(body, where, "content[0].attachment.data", longest=BODY_MAX)


def _code(value: Any, system: str, allowed: set[str], where: str, field: str) -> str:
    codes = [c.get("code") for c in (value or {}).get("coding") or [] if c.get("system") == system]
    if not codes or codes[0] not in allowed:
        found = codes[0] if codes else None
        raise problem(
            where,
            f"{field}.coding",
            f"{found!r} is not one of {', '.join(sorted(allowed))} ({system}).",
        )
    return str(codes[0])


def check_addenda(notes: list[ReadNote]) -> None:
    """Each addendum appends to a signed note of the Bundle (not to another addendum) and
    shares its kind and visibility; a note is 'amended' exactly when addenda follow it."""
    by_url = {note.url: note for note in notes}
    for note in notes:
        if note.appends is not None:
            _check_addendum(note, by_url.get(note.appends))
    amended = {note.appends for note in notes if note.appends is not None}
    for note in notes:
        if note.appends is None and (note.doc_status == "amended") != (note.url in amended):
            raise problem(
                note.where,
                "docStatus",
                "is 'amended' exactly when an addendum appends to the note.",
            )


def _check_addendum(note: ReadNote, target: ReadNote | None) -> None:
    if target is None or target.appends is not None:
        raise problem(
            note.where, "relatesTo[0].target", "is not a note of this Bundle to append to."
        )
    if target.written.signed_at is None:
        raise problem(
            note.where, "relatesTo[0].target", "is a draft; only signed notes take addenda."
        )
    if note.doc_status != "final":
        raise problem(note.where, "docStatus", "an addendum is signed as written: 'final'.")
    same = (target.written.kind, target.written.visibility)
    if (note.written.kind, note.written.visibility) != same:
        raise problem(note.where, "type", "an addendum takes its note's kind and visibility.")

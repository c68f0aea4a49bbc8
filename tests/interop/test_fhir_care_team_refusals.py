"""Malformed CareTeam, DocumentReference and Communication resources are refused with one
sentence naming the resource and field, and nothing of the import is written."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine

from backcare.errors import InvalidInputError
from backcare.knowledge.loader import Knowledge
from tests.interop.bundles import edited, export, import_into, resources
from tests.interop.care_records import Clinicians
from tests.store.helpers import row_counts

Bundle = dict[str, Any]
Resource = dict[str, Any]


def _data(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def _team(bundle: Bundle) -> Resource:
    return resources(bundle, "CareTeam")[0]


def _note(bundle: Bundle, number: int = 0) -> Resource:
    return resources(bundle, "DocumentReference")[number]


def _message(bundle: Bundle, number: int = 0) -> Resource:
    return resources(bundle, "Communication")[number]


def _set(resource: Resource, key: str, value: Any) -> None:
    resource[key] = value


SPOILS: list[tuple[str, Callable[[Bundle], None], str]] = [
    (
        "care team status",
        lambda b: _set(_team(b), "status", "finished"),
        "(CareTeam).status: 'finished' is not one of active, entered-in-error, inactive, "
        "proposed, suspended.",
    ),
    (
        "unknown SNOMED CT profession",
        lambda b: _set(_team(b)["participant"][0]["role"][0]["coding"][1], "code", "999999999"),
        "(CareTeam).participant[0].role[0].coding: SNOMED CT '999999999' is not a profession",
    ),
    (
        "SNOMED CT code of another profession",
        lambda b: _set(_team(b)["participant"][0]["role"][0]["coding"][1], "code", "309343006"),
        "SNOMED CT 309343006 is not the profession physiotherapist its Backcare code names.",
    ),
    (
        "unknown Backcare profession",
        lambda b: _set(_team(b)["participant"][0]["role"][0]["coding"][0], "code", "wizard"),
        "(CareTeam).participant[0].role[0].coding: 'wizard' is not one of physiotherapist",
    ),
    (
        "member without a name",
        lambda b: _set(_team(b)["participant"][1], "member", {"reference": "Practitioner/x"}),
        "(CareTeam).participant[1].member.display: is missing.",
    ),
    (
        "unknown share",
        lambda b: _set(_team(b)["participant"][0]["extension"][0], "valueCode", "everything"),
        "(CareTeam).participant[0].extension[care-share]: 'everything' is not one of care,",
    ),
    (
        "no participant",
        lambda b: _set(_team(b), "participant", []),
        "(CareTeam).participant: is missing; Backcare keeps a team by its members.",
    ),
    (
        "document status",
        lambda b: _set(_note(b), "docStatus", "signed"),
        "(DocumentReference).docStatus: 'signed' is not one of amended, entered-in-error, "
        "final, preliminary.",
    ),
    (
        "relation code",
        lambda b: _set(_note(b, 1)["relatesTo"][0], "code", "follows"),
        "(DocumentReference).relatesTo[0].code: 'follows' is not one of appends,",
    ),
    (
        "a signed note called a draft",
        lambda b: _set(_note(b, 2), "docStatus", "preliminary"),
        "(DocumentReference).docStatus: 'preliminary' does not fit the note",
    ),
    (
        "an addendum to a note not in the Bundle",
        lambda b: _set(_note(b, 1)["relatesTo"][0], "target", {"reference": "urn:uuid:nobody"}),
        "(DocumentReference).relatesTo[0].target: is not a note of this Bundle to append to.",
    ),
    (
        "an addendum to a draft",
        lambda b: _set(
            _note(b, 1)["relatesTo"][0], "target", {"reference": f"urn:uuid:{_note(b, 3)['id']}"}
        ),
        "(DocumentReference).relatesTo[0].target: is a draft; only signed notes take addenda.",
    ),
    (
        "an addendum of another kind than its note",
        lambda b: _set(_note(b, 1)["type"]["coding"][0], "code", "assessment"),
        "(DocumentReference).type: an addendum takes its note's kind and visibility.",
    ),
    (
        "amended without an addendum",
        lambda b: _set(_note(b, 2), "docStatus", "amended"),
        "(DocumentReference).docStatus: is 'amended' exactly when an addendum appends",
    ),
    (
        "visibility unknown",
        lambda b: _set(_note(b)["securityLabel"][1]["coding"][0], "code", "everyone"),
        "(DocumentReference).securityLabel[1].coding: 'everyone' is not one of author,",
    ),
    (
        "a control character in a note",
        lambda b: _set(_note(b)["content"][0]["attachment"], "data", _data("a\x00b")),
        "(DocumentReference).content[0].attachment.data: holds a control character (U+0000)",
    ),
    (
        "a note's text not base64",
        lambda b: _set(_note(b)["content"][0]["attachment"], "data", "not base64!"),
        "(DocumentReference).content.0.attachment.data: Base64 decoding error",
    ),
    (
        "a note longer than a note may be",
        lambda b: _set(_note(b)["content"][0]["attachment"], "data", _data("x" * 20_001)),
        "(DocumentReference).content[0].attachment.data: has 20,001 characters; at most 20,000.",
    ),
    (
        "note kind",
        lambda b: _set(_note(b)["type"]["coding"][0], "code", "gossip"),
        "(DocumentReference).type.coding: 'gossip' is not one of assessment, progress, treatment",
    ),
    (
        "message status",
        lambda b: _set(_message(b), "status", "read"),
        "(Communication).status: 'read' is not one of completed,",
    ),
    (
        "a reply to a message not in the Bundle",
        lambda b: _set(_message(b, 1), "inResponseTo", [{"reference": "urn:uuid:gone"}]),
        "(Communication).inResponseTo: 'urn:uuid:gone' is not a Communication of this Bundle.",
    ),
    (
        "replies in a circle",
        lambda b: _set(
            _message(b, 0), "inResponseTo", [{"reference": f"urn:uuid:{_message(b, 1)['id']}"}]
        ),
        "(Communication).inResponseTo: goes round in a circle.",
    ),
    (
        "a message longer than a message may be",
        lambda b: _set(_message(b)["payload"][0]["contentAttachment"], "data", _data("x" * 10_001)),
        "(Communication).payload[0].contentAttachment.data: has 10,001 characters; at most 10,000.",
    ),
    (
        "unknown sender role",
        lambda b: _set(_message(b)["extension"][0], "valueCode", "robot"),
        "(Communication).extension[sender-role]: 'robot' is not one of admin, clinician,",
    ),
    (
        "a message without a subject",
        lambda b: _message(b).pop("subject"),
        "(Communication).subject: is missing; every resource must name the patient.",
    ),
    (
        "a note about another patient",
        lambda b: _set(_note(b), "subject", {"reference": "Patient/someone-else"}),
        "(DocumentReference).subject: 'Patient/someone-else' is not the Bundle's Patient.",
    ),
]


@pytest.mark.parametrize(
    ("spoil", "expected"), [(s, e) for _n, s, e in SPOILS], ids=[n for n, *_ in SPOILS]
)
def test_a_malformed_care_team_note_or_message_is_refused_and_nothing_is_written(
    fresh_engine: Engine,
    cared: tuple[str, Clinicians],
    knowledge: Knowledge,
    spoil: Callable[[Bundle], None],
    expected: str,
) -> None:
    spoiled = edited(export(fresh_engine, cared[0]))
    spoil(spoiled)
    before = row_counts(fresh_engine)
    with pytest.raises(InvalidInputError) as caught:
        import_into(fresh_engine, spoiled, knowledge)
    assert row_counts(fresh_engine) == before, "a refused import must write nothing"
    assert expected in str(caught.value)

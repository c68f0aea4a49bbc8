"""Clinical notes: kinds and visibility, signing, addenda only after signing, who reads what,
and every read and write in the audit log."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from backcare.accounts.vocabulary import Profession, Role
from backcare.audit.service import list_events
from backcare.store.db import read_only
from tests.web.auth_support import client_as, grant, make_account

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


class Team:
    """A person, the clinician who made the record (dr-who), and a massage therapist."""

    def __init__(self, app: FastAPI, client: TestClient, patient_id: str, engine: Engine) -> None:
        make_account(engine, "mo", Role.CLINICIAN, profession=Profession.MASSAGE_THERAPIST)
        grant(engine, "mo", patient_id)
        make_account(engine, "ann", Role.PERSON, patient_id=patient_id)
        self.physio = client
        self.massage = client_as(app, "mo")
        self.person = client_as(app, "ann")
        self.base = f"/api/v1/patients/{patient_id}/notes"

    def write(self, who: TestClient, **body: Any) -> dict[str, Any]:
        note = {"kind": "progress", "visibility": "team_and_person", "body": "Doing well."}
        response = who.post(self.base, json={**note, **body})
        assert response.status_code == 201, response.text
        made: dict[str, Any] = response.json()
        return made

    def seen_by(self, who: TestClient) -> list[str]:
        response = who.get(self.base)
        assert response.status_code == 200, response.text
        return [note["body"] for note in response.json()]


@pytest.fixture
def team(app: FastAPI, client: TestClient, patient_id: str, engine: Engine) -> Team:
    return Team(app, client, patient_id, engine)


def test_a_note_records_its_author_profession_kind_and_visibility(team: Team) -> None:
    made = team.write(team.massage, kind="treatment", body="Soft tissue work, 30 min.", sign=True)
    assert (made["author_name"], made["profession"], made["kind"]) == (
        "mo",
        "massage_therapist",
        "treatment",
    )
    assert made["signed_at"] is not None
    assert made["addenda"] == []


def test_each_reader_sees_only_the_notes_meant_for_them(team: Team) -> None:
    team.write(team.physio, body="For everyone", sign=True)
    team.write(team.physio, body="Team only", visibility="team", sign=True)
    team.write(team.physio, body="Physio's own", visibility="author", sign=True)
    team.write(team.physio, body="Unsigned draft")
    assert sorted(team.seen_by(team.physio)) == sorted(
        ["For everyone", "Team only", "Physio's own", "Unsigned draft"]
    )
    assert sorted(team.seen_by(team.massage)) == ["For everyone", "Team only"]
    assert team.seen_by(team.person) == ["For everyone"]


def test_a_note_the_reader_may_not_see_is_not_found(team: Team) -> None:
    hidden = team.write(team.physio, body="Team only", visibility="team", sign=True)
    response = team.person.get(f"{team.base}/{hidden['id']}")
    assert response.status_code == 404
    assert "No note you may see" in response.text
    draft = team.write(team.physio, body="Draft")
    assert team.massage.get(f"{team.base}/{draft['id']}").status_code == 404


def test_notes_filter_by_kind(team: Team) -> None:
    team.write(team.physio, kind="assessment", body="Assessed", sign=True)
    team.write(team.physio, kind="progress", body="Progress", sign=True)
    only = team.physio.get(team.base, params={"kind": "assessment"}).json()
    assert [note["body"] for note in only] == ["Assessed"]
    assert team.physio.get(team.base, params={"kind": "gossip"}).status_code == 422


def test_a_draft_can_be_edited_by_its_author_then_signed(team: Team) -> None:
    draft = team.write(team.physio, body="First words")
    url = f"{team.base}/{draft['id']}"
    changed = team.physio.patch(url, json={"body": "Better words", "visibility": "team"})
    assert changed.status_code == 200, changed.text
    assert (changed.json()["body"], changed.json()["visibility"]) == ("Better words", "team")
    signed = team.physio.post(f"{url}/sign")
    assert signed.status_code == 200
    assert signed.json()["signed_at"] is not None


def test_a_signed_note_cannot_be_edited_or_signed_again(team: Team) -> None:
    note = team.write(team.physio, body="Final", sign=True)
    url = f"{team.base}/{note['id']}"
    refused = team.physio.patch(url, json={"body": "Rewritten"})
    assert refused.status_code == 409
    assert "add an addendum" in refused.json()["detail"]
    assert team.physio.post(f"{url}/sign").status_code == 409
    assert team.physio.get(url).json()["body"] == "Final"


def test_a_signed_note_is_amended_by_an_addendum_only(team: Team) -> None:
    note = team.write(team.physio, body="Back extension tolerated", sign=True)
    url = f"{team.base}/{note['id']}"
    amended = team.massage.post(f"{url}/addenda", json={"body": "Tender at L4 today."})
    assert amended.status_code == 201, amended.text
    body = amended.json()
    assert body["body"] == "Back extension tolerated"  # the note itself is untouched
    (addendum,) = body["addenda"]
    assert (addendum["author_name"], addendum["body"]) == ("mo", "Tender at L4 today.")
    # The addendum reaches the person with its note, and is not a note of its own.
    (seen,) = team.person.get(team.base).json()
    assert [a["body"] for a in seen["addenda"]] == ["Tender at L4 today."]
    assert team.physio.get(f"{team.base}/{addendum['id']}").status_code == 404
    refused = team.physio.post(f"{team.base}/{addendum['id']}/addenda", json={"body": "x"})
    assert refused.status_code == 409


def test_a_draft_takes_no_addendum(team: Team) -> None:
    draft = team.write(team.physio, body="Draft")
    response = team.physio.post(f"{team.base}/{draft['id']}/addenda", json={"body": "x"})
    assert response.status_code == 409
    assert "draft" in response.json()["detail"]


def test_the_person_may_read_but_not_write_notes(team: Team) -> None:
    note = team.write(team.physio, body="Shared", sign=True)
    assert (
        team.person.post(
            team.base, json={"kind": "progress", "visibility": "team", "body": "Mine"}
        ).status_code
        == 403
    )
    added = team.person.post(f"{team.base}/{note['id']}/addenda", json={"body": "x"})
    assert added.status_code == 403


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "gossip", "visibility": "team", "body": "x"}, "kind"),
        ({"kind": "progress", "visibility": "everyone", "body": "x"}, "visibility"),
        ({"kind": "progress", "visibility": "team", "body": ""}, "body"),
        ({"kind": "progress", "visibility": "team", "body": "x" * 20_001}, "body"),
        ({"kind": "progress", "visibility": "team", "body": "a\x00b"}, "body"),
        ({"kind": "progress", "visibility": "team", "body": "x", "extra": 1}, "extra"),
    ],
)
def test_bad_notes_are_422_naming_the_field(team: Team, body: dict[str, Any], field: str) -> None:
    response = team.physio.post(team.base, json=body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == field


def test_another_persons_notes_are_not_found(
    team: Team, app: FastAPI, client: TestClient, engine: Engine
) -> None:
    other = make_account(engine, "bob", Role.PERSON).patient_id
    assert team.person.get(f"/api/v1/patients/{other}/notes").status_code == 404
    assert client.get(f"/api/v1/patients/{other}/notes").status_code == 404
    note = team.write(team.physio, body="Ann's", sign=True)
    # The right note id under the wrong record is no way in either.
    bob = client_as(app, "bob")
    assert bob.get(f"/api/v1/patients/{other}/notes/{note['id']}").status_code == 404


def test_every_read_and_write_of_a_note_is_in_the_audit_log(
    team: Team, patient_id: str, engine: Engine
) -> None:
    note = team.write(team.physio, body="Logged", sign=True)
    team.person.get(team.base)
    team.massage.get(f"{team.base}/{note['id']}")
    with read_only(engine) as session:
        rows = list_events(session, patient_id=patient_id, limit=100)
    logged = {(row.actor_name or row.actor_role, row.action) for row in rows}
    assert ("dr-who", "note.write") in logged
    assert ("person", "note.read") in logged
    assert ("mo", "note.read") in logged


def test_the_notes_page_shows_the_person_their_notes_and_the_team_the_forms(
    team: Team, patient_id: str
) -> None:
    team.write(team.physio, body="Walk daily", sign=True)
    team.write(team.physio, body="Secret", visibility="team", sign=True)
    person_page = team.person.get(f"/patients/{patient_id}/notes")
    assert person_page.status_code == 200
    assert "Walk daily" in person_page.text
    assert "Secret" not in person_page.text
    assert "Write a note" not in person_page.text
    clinician_page = team.physio.get(f"/patients/{patient_id}/notes")
    assert "Write a note" in clinician_page.text
    assert "Secret" in clinician_page.text


def test_notes_written_signed_and_amended_through_the_page(team: Team, patient_id: str) -> None:
    page = f"/patients/{patient_id}/notes"
    made = team.physio.post(
        page,
        data={"kind": "assessment", "visibility": "team_and_person", "body": "Page note"},
        follow_redirects=False,
    )
    assert made.status_code == 303
    (note,) = team.physio.get(team.base).json()
    assert note["signed_at"] is None
    assert team.physio.post(f"{page}/{note['id']}/sign", follow_redirects=False).status_code == 303
    refused = team.physio.post(f"{page}/{note['id']}/edit", data={"body": "Rewrite"})
    assert refused.status_code == 409
    assert "add an addendum" in refused.text
    amended = team.physio.post(
        f"{page}/{note['id']}/addenda", data={"body": "Later thought"}, follow_redirects=False
    )
    assert amended.status_code == 303
    assert "Later thought" in team.person.get(page).text
    bad = team.physio.post(page, data={"kind": "progress", "visibility": "team", "body": ""})
    assert bad.status_code == 422
    assert "body" in bad.text


def test_a_forged_note_form_is_refused(team: Team, patient_id: str) -> None:
    team.physio.headers.pop("X-CSRF-Token")
    response = team.physio.post(
        f"/patients/{patient_id}/notes",
        data={"kind": "progress", "visibility": "team", "body": "Forged"},
    )
    assert response.status_code == 403
    assert team.physio.get(team.base).json() == []


def test_another_clinician_can_neither_edit_nor_sign_my_draft(team: Team) -> None:
    draft = team.write(team.physio, body="Mine", visibility="team")
    url = f"{team.base}/{draft['id']}"
    assert team.massage.patch(url, json={"body": "Theirs"}).status_code == 404
    assert team.massage.post(f"{url}/sign").status_code == 404
    assert team.physio.get(url).json()["body"] == "Mine"

"""Message threads between a person and their team: unread counts per reader, reading marks
read, replies, the pages, and nobody else's threads."""

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
    def __init__(self, app: FastAPI, client: TestClient, patient_id: str, engine: Engine) -> None:
        make_account(engine, "mo", Role.CLINICIAN, profession=Profession.MASSAGE_THERAPIST)
        grant(engine, "mo", patient_id)
        make_account(engine, "ann", Role.PERSON, patient_id=patient_id)
        self.physio = client
        self.massage = client_as(app, "mo")
        self.person = client_as(app, "ann")
        self.base = f"/api/v1/patients/{patient_id}/threads"

    def start(self, who: TestClient, subject: str = "Bridges", body: str = "Hello") -> int:
        response = who.post(self.base, json={"subject": subject, "body": body})
        assert response.status_code == 201, response.text
        thread_id: int = response.json()["id"]
        return thread_id

    def send(self, who: TestClient, thread_id: int, body: str) -> dict[str, Any]:
        response = who.post(f"{self.base}/{thread_id}/messages", json={"body": body})
        assert response.status_code == 201, response.text
        out: dict[str, Any] = response.json()
        return out

    def unread(self, who: TestClient) -> tuple[int, list[int]]:
        listing = who.get(self.base).json()
        return listing["unread"], [t["unread"] for t in listing["threads"]]


@pytest.fixture
def team(app: FastAPI, client: TestClient, patient_id: str, engine: Engine) -> Team:
    return Team(app, client, patient_id, engine)


def test_unread_counts_are_per_reader(team: Team) -> None:
    thread = team.start(team.person, body="My back is stiff in the mornings.")
    assert team.unread(team.person) == (0, [0])  # your own message is never unread
    assert team.unread(team.physio) == (1, [1])
    assert team.unread(team.massage) == (1, [1])
    team.send(team.physio, thread, "Try the pelvic tilts before getting up.")
    assert team.unread(team.person) == (1, [1])
    # Replying reads the thread for the one replying.
    assert team.unread(team.physio) == (0, [0])
    assert team.unread(team.massage) == (2, [2])


def test_marking_a_thread_read_clears_it_for_that_reader_only(team: Team) -> None:
    thread = team.start(team.person)
    read = team.physio.post(f"{team.base}/{thread}/read")
    assert read.status_code == 200
    assert read.json()["unread"] == 0
    assert team.unread(team.physio) == (0, [0])
    assert team.unread(team.massage) == (1, [1])
    team.send(team.person, thread, "And the evenings.")
    assert team.unread(team.physio) == (1, [1])


def test_reading_a_thread_through_the_api_does_not_mark_it_read(team: Team) -> None:
    thread = team.start(team.person)
    got = team.physio.get(f"{team.base}/{thread}")
    assert got.status_code == 200
    assert [m["body"] for m in got.json()["messages"]] == ["Hello"]
    assert got.json()["unread"] == 1
    assert team.unread(team.physio) == (1, [1])


def test_threads_list_latest_first_with_their_counts(team: Team) -> None:
    first = team.start(team.person, subject="First")
    second = team.start(team.physio, subject="Second")
    team.send(team.massage, first, "Bumping the first")
    listing = team.person.get(team.base).json()["threads"]
    assert [(t["id"], t["subject"], t["messages"]) for t in listing] == [
        (first, "First", 2),
        (second, "Second", 1),
    ]
    assert listing[1]["started_by"] == "dr-who"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"subject": "", "body": "x"}, "subject"),
        ({"subject": "s", "body": ""}, "body"),
        ({"subject": "s" * 201, "body": "x"}, "subject"),
        ({"subject": "line\nbreak", "body": "x"}, "subject"),
        ({"subject": "s", "body": "x" * 10_001}, "body"),
    ],
)
def test_bad_messages_are_422_naming_the_field(
    team: Team, body: dict[str, Any], field: str
) -> None:
    response = team.person.post(team.base, json=body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == field


def test_nobody_reaches_another_persons_threads(team: Team, app: FastAPI, engine: Engine) -> None:
    thread = team.start(team.person)
    other = make_account(engine, "bob", Role.PERSON).patient_id
    bob = client_as(app, "bob")
    assert bob.get(team.base).status_code == 404
    # Bob's own record, Ann's thread id: not found, and nothing posted.
    bobs = f"/api/v1/patients/{other}/threads/{thread}"
    assert bob.get(bobs).status_code == 404
    assert bob.post(f"{bobs}/messages", json={"body": "hi"}).status_code == 404
    assert team.physio.get(f"/api/v1/patients/{other}/threads").status_code == 404
    make_account(engine, "stranger", Role.CLINICIAN)
    stranger = client_as(app, "stranger")
    assert stranger.post(team.base, json={"subject": "s", "body": "b"}).status_code == 404


def test_messages_are_in_the_audit_log(team: Team, patient_id: str, engine: Engine) -> None:
    thread = team.start(team.person)
    team.physio.get(f"{team.base}/{thread}")
    with read_only(engine) as session:
        rows = list_events(session, patient_id=patient_id, limit=100)
    logged = {(row.actor_name or row.actor_role, row.action) for row in rows}
    assert ("person", "message.send") in logged
    assert ("dr-who", "message.read") in logged


def test_the_pages_start_a_thread_show_unread_and_mark_it_read_when_opened(
    team: Team, patient_id: str
) -> None:
    page = f"/patients/{patient_id}/messages"
    started = team.person.post(
        page,
        data={"subject": "Pain after walking", "body": "Is that normal?"},
        follow_redirects=False,
    )
    assert started.status_code == 303
    thread_url = started.headers["location"]
    listing = team.physio.get(page)
    assert "1 new" in listing.text
    assert "You have 1 unread message." in listing.text
    assert "not watched around the clock" in listing.text
    assert 'href="/urgent-help"' in listing.text
    opened = team.physio.get(thread_url)
    assert opened.status_code == 200
    assert "Is that normal?" in opened.text
    assert "1 new since you last looked" in opened.text
    assert "Nothing unread." in team.physio.get(page).text
    replied = team.physio.post(
        thread_url, data={"body": "Yes, a little soreness is expected."}, follow_redirects=False
    )
    assert replied.status_code == 303
    assert "Yes, a little soreness" in team.person.get(thread_url).text
    empty = team.person.post(thread_url, data={"body": "   "})
    assert empty.status_code == 422
    bad = team.person.post(page, data={"subject": "", "body": "x"})
    assert bad.status_code == 422


def test_a_forged_message_form_is_refused(team: Team, patient_id: str) -> None:
    team.person.headers.pop("X-CSRF-Token")
    response = team.person.post(
        f"/patients/{patient_id}/messages", data={"subject": "Forged", "body": "x"}
    )
    assert response.status_code == 403
    assert team.physio.get(team.base).json()["threads"] == []

"""Reminders through the person's calendar: a secret feed that calendar apps subscribe to."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from icalendar import Calendar
from sqlalchemy import Engine, text

from backcare.accounts.secrets import digest
from backcare.audit.service import list_events
from backcare.store.db import read_only
from tests.web.auth_support import Made
from tests.web.conftest import CHRONIC, EMERGENCY

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
SUMMARY = re.compile(r"^Backcare: today's exercises \(about \d+ min\)$")
CHOICE = {"time": "07:30", "days": ["mon", "wed", "fri", "sun"], "time_zone": "Europe/London"}


def assess(client: TestClient, patient_id: str, intake: dict[str, Any] = CHRONIC) -> None:
    response = client.post(f"/api/v1/patients/{patient_id}/assessments", json=intake)
    assert response.status_code == 201, response.text


def make_feed(client: TestClient, choice: dict[str, Any] = CHOICE) -> str:
    response = client.post("/account/calendar", data=choice)
    assert response.status_code == 200, response.text
    url: str = response.context["feed_url"]
    assert url.startswith("http://testserver/feeds/")
    assert url.endswith(".ics")
    return url.removeprefix("http://testserver")


def events(body: bytes) -> list[Any]:
    return list(Calendar.from_ical(body).walk("VEVENT"))


@pytest.fixture
def assessed_person(person_client: TestClient, person: Made) -> Made:
    assert person.patient_id
    assess(person_client, person.patient_id)
    return person


@pytest.mark.usefixtures("assessed_person")
def test_the_feed_is_public_by_secret_and_parses_with_a_weekly_event_and_alarm_per_day(
    person_client: TestClient, anonymous: TestClient
) -> None:
    path = make_feed(person_client)
    response = anonymous.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert response.headers["cache-control"] == "no-store"
    calendar = Calendar.from_ical(response.content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    found = events(response.content)
    assert 1 <= len(found) <= 4
    for event in found:
        assert SUMMARY.match(str(event["SUMMARY"]))
        start = event.decoded("DTSTART")
        assert (start.hour, start.minute, str(start.tzinfo)) == (7, 30, "Europe/London")
        assert start.strftime("%a").lower()[:3] in CHOICE["days"]
        assert event["RRULE"]["FREQ"] == ["WEEKLY"]
        (alarm,) = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
    # Round trip: what is parsed gives the same document back.
    assert Calendar.from_ical(response.content).to_ical() == response.content


@pytest.mark.usefixtures("assessed_person")
def test_uids_and_events_are_stable_across_fetches(
    person_client: TestClient, anonymous: TestClient
) -> None:
    path = make_feed(person_client)
    first, second = events(anonymous.get(path).content), events(anonymous.get(path).content)
    assert [e["UID"] for e in first] == [e["UID"] for e in second]
    assert [e.decoded("DTSTART") for e in first] == [e.decoded("DTSTART") for e in second]
    assert len({str(e["UID"]) for e in first}) == len(first)


def test_the_feed_holds_no_health_detail(
    person_client: TestClient, anonymous: TestClient, assessed_person: Made
) -> None:
    body = anonymous.get(make_feed(person_client)).text
    assert assessed_person.patient_id not in body
    for word in ("Ann", "pain", "numb", "sciatica", "chronic", "patients/"):
        assert word.lower() not in body.lower()
    texts = {line.split(":", 1)[0] for line in body.splitlines() if line[:1].isalpha()}
    assert "ATTENDEE" not in texts
    assert "URL" not in texts


def test_each_fetch_is_audited_as_a_read_of_the_record(
    person_client: TestClient, anonymous: TestClient, engine: Engine, assessed_person: Made
) -> None:
    path = make_feed(person_client)
    anonymous.get(path)
    anonymous.get(path)
    with read_only(engine) as session:
        rows = list_events(session, patient_id=assessed_person.patient_id)
    fetched = [r for r in rows if r.detail.startswith("calendar feed") and "fetched" in r.detail]
    assert len(fetched) == 2
    assert {(r.action, r.actor_role) for r in fetched} == {("record.read", "person")}


@pytest.mark.usefixtures("assessed_person")
def test_a_stopped_feed_and_an_unknown_secret_are_both_not_found(
    person_client: TestClient, anonymous: TestClient
) -> None:
    path = make_feed(person_client)
    (feed,) = person_client.get("/account").context["feeds"]
    stopped = person_client.post(f"/account/calendar/{feed.id}/revoke", follow_redirects=False)
    assert stopped.status_code == 303
    assert anonymous.get(path).status_code == 404
    assert anonymous.get("/feeds/" + "A" * 43 + ".ics").status_code == 404
    assert anonymous.get("/feeds/short.ics").status_code == 404
    assert anonymous.get("/feeds/" + "A" * 5000 + ".ics").status_code == 404
    assert person_client.get("/account").context["feeds"] == []


@pytest.mark.usefixtures("assessed_person")
def test_a_feed_asked_for_faster_than_any_calendar_app_is_told_to_wait(
    person_client: TestClient, anonymous: TestClient
) -> None:
    path = make_feed(person_client)
    answers = [anonymous.get(path).status_code for _ in range(21)]
    assert answers[:20] == [200] * 20
    assert answers[20] == 429


@pytest.mark.usefixtures("assessed_person")
@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"time": "25:00"}, "Time: give the time as hours and minutes"),
        ({"days": ["someday"]}, "Days: 'someday' is not a day"),
        ({"days": []}, "Days: choose at least one day."),
        ({"time_zone": "Mars/Olympus"}, "Time zone: 'Mars/Olympus' is not a time zone"),
    ],
)
def test_bad_choices_re_render_the_account_page_naming_the_field(
    person_client: TestClient, change: dict[str, Any], words: str
) -> None:
    response = person_client.post("/account/calendar", data={**CHOICE, **change})
    assert response.status_code == 422
    assert words in response.context["message"]
    assert response.context["feeds"] == []


@pytest.mark.usefixtures("assessed_person")
def test_a_one_off_file_can_be_downloaded_with_the_same_events(
    person_client: TestClient,
) -> None:
    response = person_client.post("/account/calendar.ics", data=CHOICE)
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith("attachment;")
    found = events(response.content)
    assert found
    assert all(SUMMARY.match(str(e["SUMMARY"])) for e in found)


def test_a_safety_plan_gets_no_exercise_reminders(
    person_client: TestClient, anonymous: TestClient, person: Made
) -> None:
    assert person.patient_id
    assess(person_client, person.patient_id, EMERGENCY)
    assert events(anonymous.get(make_feed(person_client)).content) == []


def test_a_clinician_has_no_reminders_to_make(client: TestClient) -> None:
    page = client.get("/account")
    assert page.context["feeds"] is None
    assert "Reminders in your calendar" not in page.text
    refused = client.post("/account/calendar", data=CHOICE)
    assert refused.status_code == 422
    assert "Only a person's own account" in refused.context["message"]


def test_a_forged_cross_site_post_makes_no_feed(app: FastAPI, person: Made) -> None:
    with TestClient(app) as browser:
        from tests.web.auth_support import sign_in

        sign_in(browser, person.username)
        browser.headers.pop("X-CSRF-Token")
        forged = browser.post("/account/calendar", data=CHOICE)
        assert forged.status_code == 403
        assert browser.get("/account").context["feeds"] == []


@pytest.mark.usefixtures("assessed_person")
def test_only_the_hash_of_the_feed_secret_is_stored(
    person_client: TestClient, engine: Engine
) -> None:
    secret = make_feed(person_client).removeprefix("/feeds/").removesuffix(".ics")
    with read_only(engine) as session:
        rows = session.execute(text("SELECT * FROM calendar_feeds")).mappings().all()
    (row,) = rows
    assert row["token_hash"] == digest(secret)
    assert all(secret not in str(value) for value in row.values())

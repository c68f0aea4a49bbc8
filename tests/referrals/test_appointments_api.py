"""Appointments through the API: propose, accept, decline, cancel, clashes, absurd dates,
and the iCalendar download."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from icalendar import Calendar
from sqlalchemy import Engine

from backcare.audit.service import list_events
from backcare.domain.appointment_flow import TRANSITIONS, AppointmentStatus, AppointmentStep
from backcare.store.db import read_only
from tests.team.conftest import START, Team, invite, join
from tests.web.auth_support import Clock

TOMORROW_10 = START.replace(hour=10) + dt.timedelta(days=1)


def base(team: Team) -> str:
    return f"/api/v1/patients/{team.patient_id}/appointments"


def slot(start: dt.datetime, minutes: int = 45) -> dict[str, str]:
    return {
        "starts_at": start.isoformat(),
        "ends_at": (start + dt.timedelta(minutes=minutes)).isoformat(),
    }


def propose(team: Team, *starts: dt.datetime, client: Any = None, **extra: Any) -> Any:
    body = {
        "times": [slot(start) for start in starts],
        "mode": "in_person",
        "place": "Riverside Clinic, room 2",
        **extra,
    }
    return (client or team.physio).post(base(team), json=body)


def proposed(team: Team, *starts: dt.datetime) -> dict[str, Any]:
    response = propose(team, *starts)
    assert response.status_code == 201, response.text
    found: dict[str, Any] = response.json()
    return found


@pytest.fixture
def in_team(team: Team) -> Team:
    join(team.physio, invite(team, "whole_record"))
    join(team.masseur, invite(team, "plan_and_progress"))
    return team


def test_the_person_accepts_one_of_the_proposed_times(in_team: Team) -> None:
    team = in_team
    made = proposed(team, TOMORROW_10, TOMORROW_10 + dt.timedelta(hours=2))
    assert made["status"] == "proposed"
    assert made["sequence"] == 0
    assert made["clinician"] == "physio"
    assert made["profession"] == "physiotherapist"
    second = made["times"][1]["id"]
    accepted = team.person.post(f"{base(team)}/{made['id']}/accept", json={"time_id": second})
    assert accepted.status_code == 200, accepted.text
    body = accepted.json()
    assert body["status"] == "accepted"
    assert body["sequence"] == 1
    assert [t["chosen"] for t in body["times"]] == [False, True]
    assert body["answered_by"] == "ann"


def test_the_other_times_are_freed_once_one_is_chosen(in_team: Team) -> None:
    team = in_team
    made = proposed(team, TOMORROW_10, TOMORROW_10 + dt.timedelta(hours=2))
    assert propose(team, TOMORROW_10).status_code == 409
    team.person.post(f"{base(team)}/{made['id']}/accept", json={"time_id": made["times"][1]["id"]})
    assert propose(team, TOMORROW_10).status_code == 201


def test_a_clash_with_the_clinicians_own_times_is_409_naming_it(in_team: Team) -> None:
    team = in_team
    made = proposed(team, TOMORROW_10)
    clash = propose(team, TOMORROW_10 + dt.timedelta(minutes=30))
    assert clash.status_code == 409
    detail = clash.json()["detail"]
    assert f"appointment {made['id']}" in detail
    assert "2024-05-16 10:00 UTC" in detail
    touching = propose(team, TOMORROW_10 + dt.timedelta(minutes=45))
    assert touching.status_code == 201  # end meets start: no overlap
    other = propose(team, TOMORROW_10, client=team.masseur)
    assert other.status_code == 201  # another clinician's diary is their own


def test_a_declined_or_cancelled_proposal_frees_its_times(in_team: Team) -> None:
    team = in_team
    made = proposed(team, TOMORROW_10)
    assert team.person.post(f"{base(team)}/{made['id']}/decline", json={}).status_code == 200
    again = proposed(team, TOMORROW_10)
    assert team.physio.post(f"{base(team)}/{again['id']}/cancel", json={}).status_code == 200
    assert propose(team, TOMORROW_10).status_code == 201


@pytest.mark.parametrize(
    ("times", "field"),
    [
        (
            [{"starts_at": "0001-01-01T10:00:00+01:00", "ends_at": "0001-01-01T11:00:00+01:00"}],
            "starts_at",
        ),
        (
            [{"starts_at": "9999-12-31T10:00:00-05:00", "ends_at": "9999-12-31T11:00:00-05:00"}],
            "starts_at",
        ),
        (
            [{"starts_at": "2024-05-16T11:00:00+00:00", "ends_at": "2024-05-16T10:00:00+00:00"}],
            "ends_at",
        ),
        (
            [{"starts_at": "2024-05-16T08:00:00+00:00", "ends_at": "2024-05-16T17:00:00+00:00"}],
            "ends_at",
        ),
        (
            [{"starts_at": "2024-05-14T10:00:00+00:00", "ends_at": "2024-05-14T11:00:00+00:00"}],
            "starts_at",
        ),
        ([{"starts_at": "2024-05-16T10:00:00", "ends_at": "2024-05-16T11:00:00"}], "starts_at"),
        ([{"starts_at": "not a time", "ends_at": "2024-05-16T11:00:00+00:00"}], "starts_at"),
        ([], "times"),
        (
            [
                {"starts_at": "2024-05-16T10:00:00+00:00", "ends_at": "2024-05-16T11:00:00+00:00"},
                {"starts_at": "2024-05-16T10:30:00+00:00", "ends_at": "2024-05-16T11:30:00+00:00"},
            ],
            "times",
        ),
    ],
)
def test_absurd_times_are_422_naming_the_field(
    in_team: Team, times: list[dict[str, str]], field: str
) -> None:
    body = {"times": times, "mode": "in_person", "place": "Clinic"}
    response = in_team.physio.post(base(in_team), json=body)
    assert response.status_code == 422, response.text
    assert field in response.text
    assert in_team.person.get(base(in_team)).json() == []


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"mode": "video", "place": None, "video_url": "http://meet.example.org/abc"}, "video_url"),
        ({"mode": "video", "place": None, "video_url": "javascript:alert(1)"}, "video_url"),
        (
            {"mode": "video", "place": None, "video_url": "https://u:p@meet.example.org/x"},
            "video_url",
        ),
        ({"mode": "video", "place": None}, "video_url"),
        ({"mode": "in_person", "place": None}, "place"),
        ({"mode": "in_person", "place": "Room\x07 2"}, "place"),
    ],
)
def test_a_video_link_is_https_only_and_a_visit_needs_a_place(
    in_team: Team, extra: dict[str, Any], field: str
) -> None:
    response = propose(in_team, TOMORROW_10, **extra)
    assert response.status_code == 422, response.text
    assert field in response.text


def test_a_video_appointment_keeps_its_https_link(in_team: Team) -> None:
    url = "https://meet.example.org/backcare-ann"
    response = propose(in_team, TOMORROW_10, mode="video", place=None, video_url=url)
    assert response.status_code == 201, response.text
    assert response.json()["video_url"] == url


ILLEGAL = [
    (status, step)
    for status in AppointmentStatus
    for step in AppointmentStep
    if (status, step) not in TRANSITIONS
]
REACH = {
    AppointmentStatus.PROPOSED: [],
    AppointmentStatus.ACCEPTED: ["accept"],
    AppointmentStatus.DECLINED: ["decline"],
    AppointmentStatus.CANCELLED: ["cancel"],
}


def act(team: Team, made: dict[str, Any], step: str) -> Any:
    body = {"time_id": made["times"][0]["id"]} if step == "accept" else {}
    return team.person.post(f"{base(team)}/{made['id']}/{step}", json=body)


@pytest.mark.parametrize(("status", "refused"), ILLEGAL)
def test_every_illegal_step_is_409_naming_the_status(
    in_team: Team, status: AppointmentStatus, refused: AppointmentStep
) -> None:
    made = proposed(in_team, TOMORROW_10)
    for step in REACH[status]:
        assert act(in_team, made, step).status_code == 200
    before = in_team.person.get(f"{base(in_team)}/{made['id']}").json()
    response = act(in_team, made, refused.value)
    assert response.status_code == 409, response.text
    assert f"is {status.value}" in response.json()["detail"]
    assert in_team.person.get(f"{base(in_team)}/{made['id']}").json() == before


def test_who_may_answer_and_cancel(in_team: Team) -> None:
    team = in_team
    made = proposed(team, TOMORROW_10)
    url = f"{base(team)}/{made['id']}"
    assert team.physio.post(f"{url}/accept", json={"time_id": 1}).status_code == 403
    assert team.masseur.post(f"{url}/cancel", json={}).status_code == 403  # not theirs
    assert team.doctor.post(f"{url}/cancel", json={}).status_code == 404  # not in the team
    assert team.person.post(f"{url}/accept", json={"time_id": 999}).status_code == 422
    assert team.person.post(f"{url}/cancel", json={"reason": "Away"}).status_code == 200
    assert propose(team, TOMORROW_10, client=team.person).status_code == 403


def test_a_time_that_has_passed_cannot_be_accepted(in_team: Team, clock: Clock) -> None:
    made = proposed(in_team, START + dt.timedelta(minutes=10))
    clock.advance(minutes=11)
    response = act(in_team, made, "accept")
    assert response.status_code == 409
    assert "passed" in response.json()["detail"]


def ics(team: Team, appointment: int) -> Any:
    response = team.person.get(f"{base(team)}/{appointment}/calendar.ics")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/calendar")
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    return event


def test_the_ics_keeps_its_uid_bumps_its_sequence_and_says_cancelled(in_team: Team) -> None:
    team = in_team
    made = proposed(team, TOMORROW_10)
    assert team.person.get(f"{base(team)}/{made['id']}/calendar.ics").status_code == 409
    act(team, made, "accept")
    first = ics(team, made["id"])
    assert str(first["uid"]) == made["uid"]
    assert int(first["sequence"]) == 1
    assert str(first["status"]) == "CONFIRMED"
    assert first.decoded("dtstart") == TOMORROW_10
    assert first.decoded("dtend") == TOMORROW_10 + dt.timedelta(minutes=45)
    assert first.decoded("dtstamp").tzinfo is not None
    assert str(first["location"]) == "Riverside Clinic, room 2"
    assert "physio" in str(first["summary"])
    team.physio.post(f"{base(team)}/{made['id']}/cancel", json={"reason": "Unwell"})
    after = ics(team, made["id"])
    assert str(after["uid"]) == made["uid"]
    assert int(after["sequence"]) == 2
    assert str(after["status"]) == "CANCELLED"


def test_times_are_shown_in_the_persons_time_zone(in_team: Team) -> None:
    team = in_team
    choice = {"time": "07:30", "days": ["mon"], "time_zone": "Europe/London"}
    assert team.person.post("/account/calendar", data=choice).status_code == 200
    made = proposed(team, TOMORROW_10)
    assert made["time_zone"] == "Europe/London"
    assert made["times"][0]["local_starts_at"].startswith("2024-05-16T11:00:00+01:00")
    act(team, made, "accept")
    body = team.person.get(f"{base(team)}/{made['id']}/calendar.ics").content
    assert b"DTSTART;TZID=Europe/London:20240516T110000" in body
    assert b"BEGIN:VTIMEZONE" in body


def test_the_calendar_feed_holds_upcoming_appointments_without_detail(in_team: Team) -> None:
    team = in_team
    choice = {"time": "07:30", "days": ["mon"], "time_zone": "Europe/London"}
    page = team.person.post("/account/calendar", data=choice)
    feed = page.context["feed_url"].removeprefix("http://testserver")
    made = proposed(team, TOMORROW_10)
    act(team, made, "accept")
    body = team.person.get(feed).content
    events = Calendar.from_ical(body).walk("VEVENT")
    booked = [e for e in events if str(e["uid"]) == made["uid"]]
    assert len(booked) == 1
    assert str(booked[0]["summary"]) == "Backcare appointment"
    assert b"Riverside" not in body
    assert b"physio" not in body


def test_every_read_and_write_is_in_the_audit_log(in_team: Team, engine: Engine) -> None:
    made = proposed(in_team, TOMORROW_10)
    act(in_team, made, "accept")
    in_team.person.get(f"{base(in_team)}/{made['id']}/calendar.ics")
    with read_only(engine) as session:
        lines = list_events(session, patient_id=in_team.patient_id, limit=500)
    seen = [(line.action, line.detail) for line in lines]
    assert ("appointment.write", f"appointment {made['id']} proposed (1 times)") in seen
    assert any(a == "appointment.write" and "accepted" in d for a, d in seen)
    assert sum(a == "appointment.read" for a, _ in seen) >= 1


def test_accepting_an_appointment_for_an_accepted_referral_books_it(in_team: Team) -> None:
    team = in_team
    refs = f"/api/v1/patients/{team.patient_id}/referrals"
    made = team.person.post(refs, json={"plan_item_id": "referral-physiotherapy"}).json()
    assert (
        team.physio.post(f"{refs}/{made['id']}/steps", json={"step": "accept"}).status_code == 200
    )
    appointment = proposed_for(team, made["id"])
    act(team, appointment, "accept")
    assert team.person.get(f"{refs}/{made['id']}").json()["status"] == "booked"


def proposed_for(team: Team, referral: int) -> dict[str, Any]:
    response = propose(team, TOMORROW_10, referral_id=referral)
    assert response.status_code == 201, response.text
    found: dict[str, Any] = response.json()
    return found

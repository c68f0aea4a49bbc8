""" "Plan and progress only" shows the plan and the progress, and nothing else (SAFETY.md H-232).

Every GET route of the app (API and pages, from its own route table) is read by a clinician the
person shares their plan and progress only with, and by one they share the whole record with.
The record holds a check-in note, a session's stop reason and a team-only clinical note, each
carrying a marker, and intake answers and preferences: the whole-record reader must meet every
one of them somewhere (so the test can fail), the plan-only reader none.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from backcare.accounts.vocabulary import Role
from tests.web.auth_support import grant, make_account, sign_in
from tests.web.conftest import ASSESSED_ON, CHRONIC, TODAY, began
from tests.web.test_authorization_matrix import Served, api_and_page_routes, call

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
CHECKIN_NOTE = "MARKER-CHECKIN-FREE-TEXT"
STOP_REASON = "MARKER-SESSION-STOP-REASON"
TEAM_NOTE = "MARKER-TEAM-ONLY-NOTE"
MARKERS = (CHECKIN_NOTE, STOP_REASON, TEAM_NOTE)
PREFERENCES = {"minutes_per_day": 25, "days_per_week": 3, "equipment": ["mat", "towel"]}


def build_record(app: FastAPI, engine: Engine) -> str:
    made = make_account(engine, "ann", Role.PERSON, display_name="Ann Example")
    assert made.patient_id
    record = made.patient_id
    began(engine, record)
    make_account(engine, "whole", Role.CLINICIAN)
    make_account(engine, "planner", Role.CLINICIAN)
    grant(engine, "whole", record, whole_record=True)
    grant(engine, "planner", record, plan_and_progress_only=True)
    base = f"/api/v1/patients/{record}"
    with TestClient(app) as person:
        sign_in(person, "ann")
        intake = {**CHRONIC, "preferences": PREFERENCES}
        assessed = person.post(
            f"{base}/assessments", json=intake, params={"date": ASSESSED_ON.isoformat()}
        )
        assert assessed.status_code == 201, assessed.text
        item = person.get(f"{base}/plan").json()["plan"]["items"][0]["id"]
        day = TODAY.isoformat()
        checkin = {"date": day, "pain_now": 4, "notes": CHECKIN_NOTE}
        assert person.post(f"{base}/checkins", json=checkin).status_code == 201
        stopped = {
            "date": day,
            "item_id": item,
            "duration_seconds": 30,
            "felt": 7,
            "stopped_early": True,
            "stop_reason": STOP_REASON,
        }
        logged = person.post(f"{base}/sessions", json=stopped)
        assert logged.status_code == 201, logged.text
    with TestClient(app) as whole:
        sign_in(whole, "whole")
        note = {"kind": "assessment", "visibility": "team", "body": TEAM_NOTE}
        written = whole.post(f"{base}/notes", json=note)
        assert written.status_code == 201, written.text
    return record


def readable(app: FastAPI) -> list[Served]:
    """Every GET route naming a record, and the lists (records, caseload, home)."""
    return [
        served
        for served in api_and_page_routes(app)
        if "GET" in served.methods
        and (
            "{patient_id}" in served.path
            or served.path in {"/api/v1/patients", "/api/v1/clinician/caseload", "/clinician", "/"}
        )
    ]


def answers(client: TestClient, routes: list[Served], record: str) -> dict[str, Any]:
    """Each route's answer when it is 200 (its path, then its body)."""
    found: dict[str, Any] = {}
    for served in routes:
        response = call(client, served, "GET", record)
        if response.status_code == 200:
            found[served.path] = response
    return found


def disclosed(value: object) -> set[str]:
    """The keys in a JSON answer that hold intake answers or preferences."""
    out: set[str] = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            if key in {"intake", "preferences"} and inner:
                out.add(key)
            out |= disclosed(inner)
    elif isinstance(value, list):
        for inner in value:
            out |= disclosed(inner)
    return out


def keys_in(responses: dict[str, Any]) -> set[str]:
    out: set[str] = set()
    for response in responses.values():
        if response.headers.get("content-type", "").startswith("application/json"):
            out |= disclosed(response.json())
    return out


def test_a_plan_only_share_shows_nothing_beyond_the_plan_and_progress(
    app: FastAPI, engine: Engine
) -> None:
    record = build_record(app, engine)
    routes = readable(app)
    with TestClient(app) as whole, TestClient(app) as planner:
        sign_in(whole, "whole")
        sign_in(planner, "planner")
        seen_whole = answers(whole, routes, record)
        seen_plan = answers(planner, routes, record)

    # The control: the whole record shows every marker, the answers and the preferences.
    for marker in MARKERS:
        assert any(marker.encode() in r.content for r in seen_whole.values()), marker
    assert keys_in(seen_whole) == {"intake", "preferences"}

    # The plan and progress reader: the plan and progress routes, none of the rest.
    assert {
        "/api/v1/patients/{patient_id}/plan",
        "/api/v1/patients/{patient_id}/progress",
        "/api/v1/patients/{patient_id}/plan/edits",
        "/patients/{patient_id}/plan",
        "/patients/{patient_id}/plan/history",
        "/patients/{patient_id}/progress",
        "/api/v1/patients",
    } <= set(seen_plan)
    leaks = [
        f"{path}: {marker}"
        for path, response in seen_plan.items()
        for marker in MARKERS
        if marker.encode() in response.content
    ]
    assert leaks == []
    assert keys_in(seen_plan) == set()
    listed = seen_plan["/api/v1/patients"].json()["items"]
    assert [(p["display_name"], p["preferences"]) for p in listed] == [("Ann Example", None)]


def test_a_plan_only_reader_is_offered_only_the_pages_they_may_open(
    app: FastAPI, engine: Engine
) -> None:
    record = build_record(app, engine)
    with TestClient(app) as planner, TestClient(app) as whole:
        sign_in(planner, "planner")
        sign_in(whole, "whole")
        page = planner.get(f"/patients/{record}/plan")
        full = whole.get(f"/patients/{record}/plan")
        progress = planner.get(f"/patients/{record}/progress")
        full_progress = whole.get(f"/patients/{record}/progress")
    assert "/export?format=" not in progress.text
    assert "/export?format=" in full_progress.text
    for shown in ("/plan", "/progress", "/messages"):
        assert f'href="/patients/{record}{shown}"' in page.text
        assert f'href="/patients/{record}{shown}"' in full.text
    for hidden in ("/today", "/session", "/checkin", "/notes"):
        assert f'href="/patients/{record}{hidden}"' not in page.text
        assert f'href="/patients/{record}{hidden}"' in full.text

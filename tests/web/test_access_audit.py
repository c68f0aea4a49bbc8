"""Every access to a person's data is logged, allowed or denied, and shown to the person;
break-glass is reasoned, time-limited, flagged to admins and shown to the person."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from backcare.access import audit_writer
from backcare.accounts.repository import account_by_name
from backcare.accounts.vocabulary import Role
from backcare.audit.service import list_events, verify
from backcare.knowledge.loader import Knowledge
from backcare.settings import Settings
from backcare.store.db import read_only
from backcare.web.app import create_app
from tests.web.auth_support import Clock, Made, client_as, grant, make_account
from tests.web.conftest import CHRONIC, TODAY

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
START = dt.datetime(2024, 5, 15, 9, 0, tzinfo=dt.UTC)
REASON = {"reason": "Found unconscious; the ambulance crew asks about medicines"}


def events(engine: Engine, patient_id: str | None) -> list[tuple[str, str, str]]:
    with read_only(engine) as session:
        rows = list_events(session, patient_id=patient_id, limit=1000)
    return [(row.actor_role, row.action, row.outcome) for row in rows]


def test_reads_and_writes_are_logged_with_who_and_how(
    person_client: TestClient, person: Made, engine: Engine
) -> None:
    base = f"/api/v1/patients/{person.patient_id}"
    person_client.post(f"{base}/assessments", json=CHRONIC)
    person_client.get(f"{base}/plan")
    logged = events(engine, person.patient_id)
    assert ("person", "record.write", "allowed") in logged
    assert ("person", "record.read", "allowed") in logged
    with read_only(engine) as session:
        assert verify(session).ok


def test_a_refused_access_is_logged_as_denied(
    client: TestClient, person: Made, engine: Engine
) -> None:
    assert client.get(f"/api/v1/patients/{person.patient_id}/plan").status_code == 404
    assert ("clinician", "record.read", "denied") in events(engine, person.patient_id)


def test_the_person_sees_who_opened_their_record(
    person_client: TestClient, person: Made, engine: Engine, app: FastAPI
) -> None:
    make_account(engine, "carer", Role.CLINICIAN)
    grant(engine, "carer", person.patient_id or "")
    carer = client_as(app, "carer")
    carer.get(f"/api/v1/patients/{person.patient_id}")
    shown = person_client.get(f"/api/v1/patients/{person.patient_id}/access-log").json()
    assert {"carer"} <= {row["actor_name"] for row in shown["opened_by"]}
    page = person_client.get(f"/patients/{person.patient_id}/access")
    assert any(row.actor_name == "carer" for row in page.context["opened"])


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def glass_app(engine: Engine, knowledge: Knowledge, clock: Clock) -> Iterator[FastAPI]:
    """An app with a 30-minute break-glass, a person 'ann' and an admin 'root'."""
    url = engine.url.render_as_string(hide_password=False)
    settings = Settings(database_url=url, environment="test", break_glass_minutes=30)
    app = create_app(settings, knowledge=knowledge, today=lambda: TODAY, now=clock)
    make_account(engine, "ann", Role.PERSON)
    make_account(engine, "root", Role.ADMIN)
    with TestClient(app):
        yield app


def record_of(engine: Engine, username: str) -> str:
    with read_only(engine) as session:
        account = account_by_name(session, username)
        assert account is not None
        assert account.patient_id is not None
        return account.patient_id


def test_break_glass_opens_the_record_to_read_for_a_limited_time(
    glass_app: FastAPI, clock: Clock, engine: Engine
) -> None:
    patient_id = record_of(engine, "ann")
    admin = client_as(glass_app, "root")
    plan = f"/api/v1/patients/{patient_id}"
    assert admin.get(plan).status_code == 404
    assert admin.post(f"{plan}/break-glass", json={"reason": "why"}).status_code == 422
    assert admin.post(f"{plan}/break-glass", json=REASON).status_code == 201
    assert admin.get(plan).status_code == 200
    checkin = {"date": "2024-05-15", "pain_now": 1}
    assert admin.post(f"{plan}/checkins", json=checkin).status_code == 403
    clock.advance(minutes=31)
    assert client_as(glass_app, "root").get(plan).status_code == 404
    assert ("admin", "access.break_glass", "allowed") in events(engine, patient_id)


def test_break_glass_is_shown_to_the_person_and_flagged_to_admins(
    glass_app: FastAPI, engine: Engine
) -> None:
    patient_id = record_of(engine, "ann")
    admin = client_as(glass_app, "root")
    admin.post(f"/patients/{patient_id}/break-glass", data=REASON, follow_redirects=False)
    flagged = admin.get("/admin").context["openings"]
    assert [o.reason for o in flagged] == [REASON["reason"]]
    own = client_as(glass_app, "ann")
    home = own.get("/").context  # the person's today page
    assert [(o.username, o.reason) for o in home["view"].openings] == [("root", REASON["reason"])]
    log = own.get(f"/api/v1/patients/{patient_id}/access-log").json()
    assert log["break_glass"][0]["username"] == "root"


def test_a_broken_audit_log_never_withholds_the_answer(
    person_client: TestClient, person: Made, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("audit log unavailable")

    base = f"/api/v1/patients/{person.patient_id}"
    assert person_client.post(f"{base}/assessments", json=CHRONIC).status_code == 201
    monkeypatch.setattr(audit_writer, "record_many", broken)
    body = {"date": "2024-05-15", "pain_now": 8, "warnings": ["saddle_numbness"]}
    response = person_client.post(f"/api/v1/patients/{person.patient_id}/checkins", json=body)
    assert response.status_code == 201
    assert response.json()["review"]["level"] == "emergency"

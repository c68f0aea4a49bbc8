"""The benchmarks' baselines write and read the same rows as Backcare's endpoints.

"bare" is Backcare's own app with access control, audit and the security middleware taken
out (the throughput target's baseline); "raw" has no Backcare code at all.
"""

from __future__ import annotations

from typing import Any

import pytest
from bench.bare_app import create_bare_app, create_raw_app
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from backcare.audit.models import AuditLogRow
from backcare.settings import Settings
from backcare.store.db import read_only
from backcare.web.schemas import CheckInOutcome
from tests.web.conftest import TODAY


def _audit_rows(engine: Engine) -> int:
    with read_only(engine) as session:
        return int(session.scalar(select(func.count()).select_from(AuditLogRow)) or 0)


@pytest.fixture
def bare(engine: Engine) -> TestClient:
    url = engine.url.render_as_string(hide_password=False)
    return TestClient(create_bare_app(Settings(database_url=url), today=lambda: TODAY))


@pytest.fixture
def raw(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    monkeypatch.setenv("BACKCARE_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    return TestClient(create_raw_app())


def test_bare_checkin_is_backcares_checkin_without_access_control(
    bare: TestClient, client: TestClient, patient_id: str, engine: Engine
) -> None:
    before = _audit_rows(engine)
    body = {"date": "2024-05-15", "pain_now": 4, "sessions_done": 1, "minutes": 20}
    answer = bare.post(f"/api/v1/patients/{patient_id}/checkins", json=body)
    assert answer.status_code == 201, answer.text
    # The same answer model as Backcare's route, from the same service...
    assert set(answer.json()) == set(CheckInOutcome.model_fields)
    # ...with no credential asked for, no audit line written and no security headers.
    assert _audit_rows(engine) == before
    assert "content-security-policy" not in answer.headers
    stored = client.get(f"/api/v1/patients/{patient_id}/checkins").json()["items"]
    assert [(c["pain_now"], c["minutes"]) for c in stored] == [(4, 20)]


def test_bare_checkin_still_validates_and_reviews(
    bare: TestClient, assessed: dict[str, Any]
) -> None:
    patient_id = assessed["assessment"]["patient_id"]
    url = f"/api/v1/patients/{patient_id}/checkins"
    assert bare.post(url, json={"date": "2024-05-16", "pain_now": 4}).status_code == 422
    warned = bare.post(url, json={"date": "2024-05-15", "pain_now": 9})
    assert warned.status_code == 201, warned.text
    assert warned.json()["review"] is not None


def test_bare_plan_is_backcares_plan(
    bare: TestClient, client: TestClient, assessed: dict[str, Any]
) -> None:
    patient_id = assessed["assessment"]["patient_id"]
    url = f"/api/v1/patients/{patient_id}/plan"
    assert bare.get(url).json() == client.get(url).json()


def test_raw_checkin_is_a_real_checkin(
    raw: TestClient, client: TestClient, patient_id: str
) -> None:
    body = {"date": "2024-05-15", "pain_now": 4, "sessions_done": 1, "minutes": 20}
    assert raw.post(f"/raw/patients/{patient_id}/checkins", json=body).status_code == 201
    stored = client.get(f"/api/v1/patients/{patient_id}/checkins").json()["items"]
    assert [(c["pain_now"], c["minutes"]) for c in stored] == [(4, 20)]


def test_raw_plan_is_the_current_plan(raw: TestClient, assessed: dict[str, Any]) -> None:
    patient_id = assessed["assessment"]["patient_id"]
    plan = raw.get(f"/raw/patients/{patient_id}/plan").json()
    assert plan["plan"] == assessed["plan_version"]["plan"]


def test_a_second_raw_checkin_of_the_day_replaces_the_first(
    raw: TestClient, client: TestClient, patient_id: str
) -> None:
    for pain in (4, 2):
        body = {"date": "2024-05-15", "pain_now": pain}
        assert raw.post(f"/raw/patients/{patient_id}/checkins", json=body).status_code == 201
    stored = client.get(f"/api/v1/patients/{patient_id}/checkins").json()["items"]
    assert [c["pain_now"] for c in stored] == [2]

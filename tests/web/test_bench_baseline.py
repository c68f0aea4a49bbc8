"""The benchmark's baseline app writes and reads the same rows as Backcare's endpoints."""

from __future__ import annotations

from typing import Any

import pytest
from bench.bare_app import create_bare_app
from fastapi.testclient import TestClient
from sqlalchemy import Engine


@pytest.fixture
def bare(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    monkeypatch.setenv("BACKCARE_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    return TestClient(create_bare_app())


def test_bare_checkin_is_a_real_checkin(
    bare: TestClient, client: TestClient, patient_id: str
) -> None:
    body = {"date": "2024-05-15", "pain_now": 4, "sessions_done": 1, "minutes": 20}
    assert bare.post(f"/bare/patients/{patient_id}/checkins", json=body).status_code == 201
    stored = client.get(f"/api/v1/patients/{patient_id}/checkins").json()["items"]
    assert [(c["pain_now"], c["minutes"]) for c in stored] == [(4, 20)]


def test_bare_plan_is_the_current_plan(bare: TestClient, assessed: dict[str, Any]) -> None:
    patient_id = assessed["assessment"]["patient_id"]
    plan = bare.get(f"/bare/patients/{patient_id}/plan").json()
    assert plan["plan"] == assessed["plan_version"]["plan"]


def test_a_second_bare_checkin_of_the_day_replaces_the_first(
    bare: TestClient, client: TestClient, patient_id: str
) -> None:
    for pain in (4, 2):
        body = {"date": "2024-05-15", "pain_now": pain}
        assert bare.post(f"/bare/patients/{patient_id}/checkins", json=body).status_code == 201
    stored = client.get(f"/api/v1/patients/{patient_id}/checkins").json()["items"]
    assert [c["pain_now"] for c in stored] == [2]

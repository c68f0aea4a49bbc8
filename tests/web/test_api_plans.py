"""Plans over HTTP: the current version, the list of versions and one version."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from backcare.assessments.schemas import PlanVersionRead
from backcare.assessments.service import current_plan
from backcare.domain.plan_model import Plan
from backcare.store.db import read_only
from backcare.web.schemas import PlanVersionHead
from tests.web.conftest import EMERGENCY


def url(patient_id: str, rest: str = "") -> str:
    return f"/api/v1/patients/{patient_id}/plan{rest}"


def test_no_plan_before_an_assessment_is_404(client: TestClient, patient_id: str) -> None:
    response = client.get(url(patient_id))
    assert response.status_code == 404
    assert "assessment" in response.json()["detail"]


@pytest.mark.usefixtures("assessed")
def test_current_plan_is_the_latest_version(client: TestClient, patient_id: str) -> None:
    client.post(f"/api/v1/patients/{patient_id}/assessments", json=EMERGENCY)
    current = client.get(url(patient_id)).json()
    assert current["version"] == 2
    assert current["plan"]["triage"]["level"] == "emergency"


@pytest.mark.usefixtures("assessed")
def test_versions_list_says_when_by_whom_and_why(client: TestClient, patient_id: str) -> None:
    versions = client.get(url(patient_id, "/versions")).json()
    assert [v["version"] for v in versions] == [1]
    assert versions[0]["reason"]
    assert "plan" not in versions[0]


def test_one_version_by_number(
    client: TestClient, patient_id: str, assessed: dict[str, Any]
) -> None:
    response = client.get(url(patient_id, "/versions/1"))
    assert response.status_code == 200
    assert response.json()["plan"] == assessed["plan_version"]["plan"]


@pytest.mark.usefixtures("assessed")
def test_missing_version_is_404_and_zero_is_a_field_error(
    client: TestClient, patient_id: str
) -> None:
    assert client.get(url(patient_id, "/versions/2")).status_code == 404
    assert client.get(url(patient_id, "/versions/0")).status_code == 422


def test_plans_of_unknown_patient_are_404(client: TestClient) -> None:
    unknown = "e" * 32
    assert client.get(url(unknown)).status_code == 404
    assert client.get(url(unknown, "/versions")).status_code == 404
    assert client.get(url(unknown, "/versions/1")).status_code == 404


def stored_plan(engine: Engine, patient_id: str) -> PlanVersionRead:
    with read_only(engine) as session:
        found = current_plan(session, patient_id=patient_id)
    assert found is not None
    return found


@pytest.mark.usefixtures("assessed")
@pytest.mark.parametrize("flare_up", [False, True], ids=["usual", "relief"])
def test_current_plan_is_exactly_the_stored_version(
    client: TestClient, engine: Engine, patient_id: str, flare_up: bool
) -> None:
    if flare_up:  # a relief plan fills in the dates and the version it goes back to
        checkin = {"date": "2024-05-15", "pain_now": 8, "flare_up": True}
        client.post(f"/api/v1/patients/{patient_id}/checkins", json=checkin)
    response = client.get(url(patient_id))
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    stored = stored_plan(engine, patient_id)
    assert body == stored.model_dump(mode="json")
    assert PlanVersionRead.model_validate(body) == stored
    assert (body["flare_until"] is not None) is flare_up
    Plan.model_validate(body["plan"])  # still plan contract 3


def test_current_plan_is_documented_as_a_plan_version(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    ok = spec["paths"]["/api/v1/patients/{patient_id}/plan"]["get"]["responses"]["200"]
    assert ok["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/PlanVersionRead"
    }


def test_the_head_sent_with_the_stored_plan_is_the_rest_of_the_version() -> None:
    assert set(PlanVersionHead.model_fields) == set(PlanVersionRead.model_fields) - {"plan"}

"""Assessments over HTTP: triage, classification and a plan version; bad intakes are 422."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import CHRONIC, EMERGENCY

EXERCISE = {"stretch", "strengthen", "mobility", "aerobic", "self_massage", "foam_rolling"}


def url(patient_id: str) -> str:
    return f"/api/v1/patients/{patient_id}/assessments"


def test_assessment_returns_triage_classification_and_plan_version(
    assessed: dict[str, Any],
) -> None:
    assert assessed["assessment"]["triage"]["level"] == "self_care"
    assert assessed["assessment"]["classification"]["duration"] == "chronic"
    version = assessed["plan_version"]
    assert version["version"] == 1
    assert version["plan"]["items"]


def test_emergency_is_a_normal_answer_with_a_safety_only_plan(
    client: TestClient, patient_id: str
) -> None:
    response = client.post(url(patient_id), json=EMERGENCY)
    assert response.status_code == 201
    plan = response.json()["plan_version"]["plan"]
    assert plan["triage"]["level"] == "emergency"
    assert not {item["kind"] for item in plan["items"]} & EXERCISE


def test_out_of_range_answer_names_the_field(client: TestClient, patient_id: str) -> None:
    response = client.post(url(patient_id), json={**CHRONIC, "pain_now": 11})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "pain_now"]


def test_missing_required_answer_names_the_field(client: TestClient, patient_id: str) -> None:
    response = client.post(url(patient_id), json={"age": 40, "pain_now": 3})
    assert response.status_code == 422
    assert ["body", "duration_weeks"] in [e["loc"] for e in response.json()["detail"]]


def test_under_16_is_refused_with_advice(client: TestClient, patient_id: str) -> None:
    response = client.post(url(patient_id), json={**CHRONIC, "age": 15})
    assert response.status_code == 422
    assert "doctor" in response.json()["detail"][0]["msg"]


def test_inconsistent_answers_are_a_field_error(client: TestClient, patient_id: str) -> None:
    response = client.post(url(patient_id), json={**CHRONIC, "pain_worst_week": 2})
    assert response.status_code == 422
    assert "pain_worst_week" in response.json()["detail"][0]["msg"]


def test_unknown_intake_field_is_refused(client: TestClient, patient_id: str) -> None:
    assert client.post(url(patient_id), json={**CHRONIC, "mood": "ok"}).status_code == 422


def test_assessing_an_unknown_patient_is_404(client: TestClient) -> None:
    assert client.post(url("f" * 32), json=CHRONIC).status_code == 404


@pytest.mark.usefixtures("assessed")
def test_assessments_are_listed_oldest_first(client: TestClient, patient_id: str) -> None:
    client.post(url(patient_id), json=EMERGENCY)
    levels = [a["triage"]["level"] for a in client.get(url(patient_id)).json()]
    assert levels == ["self_care", "emergency"]


def test_listing_assessments_of_unknown_patient_is_404(client: TestClient) -> None:
    assert client.get(url("f" * 32)).status_code == 404

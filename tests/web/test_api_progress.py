"""Progress and the weekly review over HTTP."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def url(patient_id: str, what: str) -> str:
    return f"/api/v1/patients/{patient_id}/{what}"


def test_progress_before_an_assessment_is_409(client: TestClient, patient_id: str) -> None:
    response = client.get(url(patient_id, "progress"))
    assert response.status_code == 409
    assert "assessment" in response.json()["detail"]


def test_progress_of_unknown_patient_is_404(client: TestClient) -> None:
    assert client.get(url("b" * 32, "progress")).status_code == 404


@pytest.mark.usefixtures("assessed")
def test_progress_reports_change_against_the_baseline(client: TestClient, patient_id: str) -> None:
    for day in ("2024-05-13", "2024-05-14", "2024-05-15"):
        body = {"date": day, "pain_now": 3, "sessions_done": 1}
        client.post(url(patient_id, "checkins"), json=body)
    response = client.get(url(patient_id, "progress"))
    assert response.status_code == 200
    report = response.json()
    assert report["baseline_pain"] == 6
    assert report["pain_change"]["latest"] == 3
    assert report["pain_change"]["meaningful"] is True
    assert report["weeks"][-1]["readings"] == 3
    assert report["current_streak"] == 3


@pytest.mark.usefixtures("assessed")
def test_progress_on_a_given_day(client: TestClient, patient_id: str) -> None:
    response = client.get(url(patient_id, "progress"), params={"on": "2024-05-16"})
    assert response.status_code == 200
    assert response.json()["today"] == "2024-05-16"


def test_review_before_an_assessment_is_409(client: TestClient, patient_id: str) -> None:
    assert client.post(url(patient_id, "review")).status_code == 409


def test_review_of_unknown_patient_is_404(client: TestClient) -> None:
    assert client.post(url("b" * 32, "review")).status_code == 404


@pytest.mark.usefixtures("assessed")
def test_review_without_enough_checkins_keeps_the_plan(client: TestClient, patient_id: str) -> None:
    response = client.post(url(patient_id, "review"))
    assert response.status_code == 200
    report = response.json()
    assert report["changed"] is False
    assert report["reviews"][-1]["kind"] == "weekly"
    assert report["reviews"][-1]["explanation"]

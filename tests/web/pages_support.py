"""Shortcuts for page tests: a patient with a plan, made through the API."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.web.conftest import EMERGENCY


def emergency_patient(client: TestClient) -> str:
    created = client.post("/api/v1/patients", json={"display_name": "Ed"}).json()
    client.post(f"/api/v1/patients/{created['id']}/assessments", json=EMERGENCY)
    patient_id: str = created["id"]
    return patient_id


def context_of(response: Any) -> dict[str, Any]:
    """The template context of a page response (what page tests assert on)."""
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.context
    return found


def template_of(response: Any) -> str:
    name: str = response.template.name
    return name

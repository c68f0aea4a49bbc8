"""The guided session page: today's items scripted for the timer, logging, and stopping."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from backcare.web.pages.session import STOP_REASON
from tests.web.pages_support import context_of, emergency_patient, template_of


def page(patient_id: str, rest: str = "") -> str:
    return f"/patients/{patient_id}/session{rest}"


def todays_ids(assessed: dict[str, Any]) -> list[str]:
    ids: list[str] = assessed["plan_version"]["plan"]["week"]["wed"]  # TODAY is a Wednesday
    return ids


def test_session_lists_todays_items_with_a_timer_script(
    client: TestClient, assessed: dict[str, Any]
) -> None:
    patient_id = assessed["assessment"]["patient_id"]
    context = context_of(client.get(page(patient_id)))
    assert [s.item.id for s in context["items"]] == todays_ids(assessed)
    script = json.loads(context["script"])
    assert [entry["id"] for entry in script] == todays_ids(assessed)
    assert all(entry["segments"] and entry["steps"] for entry in script)


def test_another_days_session_can_be_chosen(client: TestClient, assessed: dict[str, Any]) -> None:
    patient_id = assessed["assessment"]["patient_id"]
    context = context_of(client.get(page(patient_id, "?day=thu")))
    week = assessed["plan_version"]["plan"]["week"]
    assert [s.item.id for s in context["items"]] == week["thu"]
    assert context["day_name"] == "Thursday"
    assert client.get(page(patient_id, "?day=someday")).status_code == 422


def test_logging_an_item_without_javascript(client: TestClient, assessed: dict[str, Any]) -> None:
    patient_id = assessed["assessment"]["patient_id"]
    item = todays_ids(assessed)[0]
    form = {"item_id": item, "seconds": "120", "felt": "7", "date": "2024-05-15"}
    response = client.post(page(patient_id, "/log"), data=form, follow_redirects=False)
    assert response.status_code == 303
    assert context_of(client.get(response.headers["location"]))["done"] == item
    logs = client.get(f"/api/v1/patients/{patient_id}/sessions").json()["items"]
    assert [(log["item_id"], log["felt"]) for log in logs] == [(item, 7)]


def test_this_hurts_stop_logs_it_and_suggests_an_easier_version(
    client: TestClient, assessed: dict[str, Any]
) -> None:
    patient_id = assessed["assessment"]["patient_id"]
    items = assessed["plan_version"]["plan"]["items"]
    hard = next(i for i in items if i["regression"] and i["id"] in todays_ids(assessed))
    form = {"item_id": hard["id"], "seconds": "40", "date": "2024-05-15"}
    response = client.post(page(patient_id, "/stop"), data=form)
    assert template_of(response) == "session_stopped.html"
    easier = [entry.id for entry in context_of(response)["easier"]]
    assert easier
    assert set(easier) <= set(hard["regression"])
    log = client.get(f"/api/v1/patients/{patient_id}/sessions").json()["items"][0]
    assert log["stopped_early"] is True
    assert log["stop_reason"] == STOP_REASON


@pytest.mark.usefixtures("assessed")
def test_logging_an_item_not_in_the_plan_is_refused(client: TestClient, patient_id: str) -> None:
    form = {"item_id": "juggling", "seconds": "1", "felt": "5"}
    response = client.post(page(patient_id, "/log"), data=form)
    assert response.status_code == 409
    assert template_of(response) == "error.html"


@pytest.mark.usefixtures("assessed")
def test_nonsense_numbers_are_refused(client: TestClient, patient_id: str) -> None:
    form = {"item_id": "juggling", "seconds": "soon", "felt": "5"}
    assert client.post(page(patient_id, "/log"), data=form).status_code == 422


def test_no_session_while_a_doctor_is_needed(client: TestClient) -> None:
    response = client.get(page(emergency_patient(client)))
    assert template_of(response) == "instruction.html"


def test_no_plan_is_a_404_page(client: TestClient, patient_id: str) -> None:
    assert client.get(page(patient_id)).status_code == 404

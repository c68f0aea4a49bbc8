"""The guided session page: today's items scripted for the timer, logging, and stopping."""

from __future__ import annotations

import json
import math
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


def _log(client: TestClient, patient_id: str, item: str, day: str = "2024-05-15") -> None:
    body = {"date": day, "item_id": item, "duration_seconds": 60, "felt": 6}
    assert client.post(f"/api/v1/patients/{patient_id}/sessions", json=body).status_code == 201


def test_reopening_the_session_the_same_day_resumes_at_the_first_item_not_done(
    client: TestClient, assessed: dict[str, Any]
) -> None:
    patient_id = assessed["assessment"]["patient_id"]
    first, second = todays_ids(assessed)[:2]
    _log(client, patient_id, first)
    response = client.get(page(patient_id))
    context = context_of(response)
    assert context["done_today"] == {first}
    script = json.loads(context["script"])
    assert [entry["done"] for entry in script][:2] == [True, False]
    titles = {s.item.id: s.item.title for s in context["items"]}
    assert f"The session goes on from {titles[second]}." in response.text


def test_a_session_logged_on_another_day_is_not_done_today(
    client: TestClient, assessed: dict[str, Any]
) -> None:
    patient_id = assessed["assessment"]["patient_id"]
    _log(client, patient_id, todays_ids(assessed)[0], day="2024-05-14")
    context = context_of(client.get(page(patient_id)))
    assert context["done_today"] == frozenset()
    assert not any(entry["done"] for entry in json.loads(context["script"]))


def test_a_session_with_every_item_done_says_so(
    client: TestClient, assessed: dict[str, Any]
) -> None:
    patient_id = assessed["assessment"]["patient_id"]
    for item in todays_ids(assessed):
        _log(client, patient_id, item)
    response = client.get(page(patient_id))
    assert all(entry["done"] for entry in json.loads(context_of(response)["script"]))
    assert "You have done every item of this session today." in response.text


def test_the_stop_button_is_a_bar_next_to_the_timer_controls(
    client: TestClient, assessed: dict[str, Any]
) -> None:
    html = client.get(page(assessed["assessment"]["patient_id"])).text
    player = html[html.index('id="player"') : html.index('id="player-feel"')]
    # Right after the controls (not below the pictures and steps), as a bar the CSS fixes to
    # the bottom of the screen while the timer runs (tests/web/browser checks the viewport).
    assert player.index('id="player-skip-item"') < player.index('class="stop-bar"')
    assert player.index('class="stop-bar"') < player.index('id="player-pictures"')


def test_the_session_states_the_plans_minutes_for_the_day(
    client: TestClient, assessed: dict[str, Any]
) -> None:
    patient_id = assessed["assessment"]["patient_id"]
    plan = assessed["plan_version"]["plan"]
    items = {item["id"]: item for item in plan["items"]}
    expected = math.floor(sum(items[i]["minutes"] for i in todays_ids(assessed)) + 0.5)
    response = client.get(page(patient_id))
    assert context_of(response)["minutes"] == expected
    assert f"about {expected} minutes" in response.text

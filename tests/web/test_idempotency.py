"""Idempotency-Key on the check-in and session-log writes: a replay never doubles a record.

These tests use a different day for each new write: they hold whatever the rule for two
check-ins on one day is, because the key alone decides that a replay writes nothing.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from backcare.accounts.vocabulary import Role
from tests.store.helpers import count_rows
from tests.web.auth_support import client_as, make_account

KEY = "3f1c9a52-7d0e-4b7a-9a61-0c2f5d7e8b11"


def api(patient_id: str, what: str) -> str:
    return f"/api/v1/patients/{patient_id}/{what}"


def checkin(day: int = 10, pain: int = 4) -> dict[str, Any]:
    return {"date": f"2024-05-{day:02d}", "pain_now": pain, "sessions_done": 1, "minutes": 20}


def planned_item(client: TestClient, patient_id: str) -> str:
    plan = client.get(api(patient_id, "plan")).json()
    item: str = plan["plan"]["items"][0]["id"]
    return item


@pytest.mark.usefixtures("assessed")
def test_an_api_check_in_sent_twice_with_one_key_is_stored_once_with_the_same_answer(
    client: TestClient, patient_id: str, engine: Engine
) -> None:
    headers = {"Idempotency-Key": KEY}
    first = client.post(api(patient_id, "checkins"), json=checkin(), headers=headers)
    again = client.post(api(patient_id, "checkins"), json=checkin(), headers=headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert count_rows(engine, "checkins") == 1
    other = client.post(
        api(patient_id, "checkins"), json=checkin(11), headers={"Idempotency-Key": KEY + "-2"}
    )
    assert other.status_code == 201
    assert count_rows(engine, "checkins") == 2
    assert count_rows(engine, "idempotent_requests") == 2


@pytest.mark.usefixtures("assessed")
def test_the_same_key_with_different_content_is_refused_and_writes_nothing(
    client: TestClient, patient_id: str, engine: Engine
) -> None:
    headers = {"Idempotency-Key": KEY}
    assert client.post(api(patient_id, "checkins"), json=checkin(), headers=headers).is_success
    changed = client.post(api(patient_id, "checkins"), json=checkin(pain=7), headers=headers)
    assert changed.status_code == 422
    assert "Idempotency-Key" in changed.text
    assert count_rows(engine, "checkins") == 1


@pytest.mark.usefixtures("assessed")
@pytest.mark.parametrize("key", ["short", "a" * 101, "spaces are not allowed", "semi;colon;key"])
def test_a_malformed_key_is_422_naming_the_header(
    client: TestClient, patient_id: str, engine: Engine, key: str
) -> None:
    sent = client.post(
        api(patient_id, "checkins"), json=checkin(), headers={"Idempotency-Key": key}
    )
    assert sent.status_code == 422
    assert "Idempotency-Key" in sent.text
    assert count_rows(engine, "checkins") == 0


@pytest.mark.usefixtures("assessed")
def test_an_api_session_log_sent_twice_with_one_key_is_stored_once(
    client: TestClient, patient_id: str, engine: Engine
) -> None:
    log = {
        "date": "2024-05-10",
        "item_id": planned_item(client, patient_id),
        "duration_seconds": 120,
        "felt": 6,
    }
    headers = {"Idempotency-Key": KEY}
    first = client.post(api(patient_id, "sessions"), json=log, headers=headers)
    again = client.post(api(patient_id, "sessions"), json=log, headers=headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert count_rows(engine, "session_logs") == 1


@pytest.mark.usefixtures("assessed")
def test_a_check_in_form_replayed_with_its_key_gets_the_first_page_and_stores_once(
    client: TestClient, patient_id: str, engine: Engine
) -> None:
    form = {"date": "2024-05-10", "pain_now": "4", "sessions_done": "1", "minutes": "20"}
    headers = {"Idempotency-Key": KEY}
    first = client.post(f"/patients/{patient_id}/checkin", data=form, headers=headers)
    again = client.post(f"/patients/{patient_id}/checkin", data=form, headers=headers)
    assert first.status_code == again.status_code == 200
    assert again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert again.text == first.text
    assert again.headers["content-type"].startswith("text/html")
    assert count_rows(engine, "checkins") == 1


@pytest.mark.usefixtures("assessed")
def test_a_session_log_form_replayed_with_its_key_redirects_the_same_and_stores_once(
    client: TestClient, patient_id: str, engine: Engine
) -> None:
    form = {"date": "2024-05-10", "item_id": planned_item(client, patient_id), "seconds": "60"}
    headers = {"Idempotency-Key": KEY}
    path = f"/patients/{patient_id}/session/log"
    first = client.post(path, data=form, headers=headers, follow_redirects=False)
    again = client.post(path, data=form, headers=headers, follow_redirects=False)
    assert first.status_code == again.status_code == 303
    assert again.headers["location"] == first.headers["location"]
    assert count_rows(engine, "session_logs") == 1


@pytest.mark.usefixtures("assessed")
def test_a_malformed_key_on_a_form_post_stores_nothing(
    client: TestClient, patient_id: str, engine: Engine
) -> None:
    form = {"date": "2024-05-10", "pain_now": "4"}
    sent = client.post(
        f"/patients/{patient_id}/checkin", data=form, headers={"Idempotency-Key": "no good"}
    )
    assert sent.status_code == 422
    assert count_rows(engine, "checkins") == 0


@pytest.mark.usefixtures("assessed")
def test_another_account_reusing_a_key_gets_no_one_elses_answer(
    app: FastAPI, client: TestClient, patient_id: str, engine: Engine
) -> None:
    headers = {"Idempotency-Key": KEY}
    assert client.post(api(patient_id, "checkins"), json=checkin(), headers=headers).is_success
    make_account(engine, "colleague", Role.CLINICIAN)
    from tests.web.auth_support import grant

    grant(engine, "colleague", patient_id)
    with client_as(app, "colleague") as colleague:
        reused = colleague.post(api(patient_id, "checkins"), json=checkin(), headers=headers)
    assert reused.status_code == 422
    assert count_rows(engine, "checkins") == 1


@pytest.mark.usefixtures("assessed")
def test_a_key_on_a_record_one_may_not_see_is_refused_by_the_policy_first(
    app: FastAPI, patient_id: str, engine: Engine
) -> None:
    make_account(engine, "stranger", Role.CLINICIAN)
    with client_as(app, "stranger") as stranger:
        sent = stranger.post(
            api(patient_id, "checkins"), json=checkin(), headers={"Idempotency-Key": KEY}
        )
    assert sent.status_code == 404
    assert count_rows(engine, "idempotent_requests") == 0

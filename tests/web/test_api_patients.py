"""Patients over HTTP: create, list a page at a time, read, export and erase."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from backcare.audit.service import list_events, verify
from backcare.store.db import read_only
from tests.store.helpers import count_rows
from tests.web.auth_support import Made

API = "/api/v1/patients"
UNKNOWN = "0" * 32


def test_create_patient_returns_it_with_an_id(client: TestClient) -> None:
    response = client.post(API, json={"display_name": "Ann", "preferences": {"days_per_week": 3}})
    assert response.status_code == 201
    body = response.json()
    assert len(body["id"]) == 32
    assert body["preferences"]["days_per_week"] == 3


def test_empty_name_is_a_field_error(client: TestClient) -> None:
    response = client.post(API, json={"display_name": ""})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "display_name"]


def test_unknown_field_is_refused(client: TestClient) -> None:
    response = client.post(API, json={"display_name": "Ann", "shoe_size": 9})
    assert response.status_code == 422


def test_list_is_paginated_oldest_first(client: TestClient) -> None:
    for name in ("A", "B", "C"):
        client.post(API, json={"display_name": name})
    first = client.get(API, params={"limit": 2}).json()
    assert [p["display_name"] for p in first["items"]] == ["A", "B"]
    assert first["next_offset"] == 2
    second = client.get(API, params={"limit": 2, "offset": 2}).json()
    assert [p["display_name"] for p in second["items"]] == ["C"]
    assert second["next_offset"] is None


def test_page_size_out_of_range_is_a_field_error(client: TestClient) -> None:
    assert client.get(API, params={"limit": 0}).status_code == 422
    assert client.get(API, params={"limit": 501}).status_code == 422
    assert client.get(API, params={"offset": -1}).status_code == 422


def test_get_patient(client: TestClient, patient_id: str) -> None:
    response = client.get(f"{API}/{patient_id}")
    assert response.status_code == 200
    assert response.json()["display_name"] == "Ann Example"


def test_unknown_patient_is_404_with_a_sentence(client: TestClient) -> None:
    response = client.get(f"{API}/{UNKNOWN}")
    assert response.status_code == 404
    assert UNKNOWN in response.json()["detail"]


def test_malformed_patient_id_is_a_field_error(client: TestClient) -> None:
    assert client.get(f"{API}/not%20an%20id").status_code == 422


def test_a_person_erases_their_record_and_their_account_goes_with_it(
    person_client: TestClient, person: Made, engine: Engine
) -> None:
    assert person_client.delete(f"{API}/{person.patient_id}").status_code == 204
    assert count_rows(engine, "patients") == 0
    assert count_rows(engine, "accounts") == 0
    assert person_client.get(f"{API}/{person.patient_id}").status_code == 401


def test_a_clinician_in_charge_may_not_erase_the_record(
    client: TestClient, patient_id: str
) -> None:
    assert client.delete(f"{API}/{patient_id}").status_code == 403
    assert client.get(f"{API}/{patient_id}").status_code == 200


def test_export_holds_every_section(person_client: TestClient, person: Made) -> None:
    intake = {"age": 45, "duration_weeks": 20, "pain_now": 6}
    person_client.post(f"{API}/{person.patient_id}/assessments", json=intake)
    response = person_client.get(f"{API}/{person.patient_id}/export")

    assert response.status_code == 200
    document = response.json()
    assert document["patient"]["id"] == person.patient_id
    assert len(document["assessments"]) == 1
    assert len(document["plan_versions"]) == 1
    assert {"checkins", "session_logs", "measures", "alerts"} <= document.keys()


def test_export_is_the_persons_right_not_the_clinicians(
    client: TestClient, patient_id: str
) -> None:
    assert client.get(f"{API}/{patient_id}/export").status_code == 403


def test_export_of_unknown_patient_is_404(client: TestClient) -> None:
    assert client.get(f"{API}/{UNKNOWN}/export").status_code == 404


def test_an_erase_leaves_an_audit_line_saying_so_and_the_chain_holds(
    person_client: TestClient, person: Made, engine: Engine
) -> None:
    assert person_client.delete(f"{API}/{person.patient_id}").status_code == 204
    with read_only(engine) as session:
        lines = list_events(session, patient_id=person.patient_id, limit=50)
        assert verify(session).ok
    assert "record.erase" in [line.action for line in lines]

"""API tokens: bearer only, hashed, scoped, expiring, revocable, listed; the OpenAPI scheme."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from backcare.accounts.vocabulary import Scope
from backcare.store.db import unit_of_work
from tests.web.auth_support import Made, bearer, token_for
from tests.web.conftest import CHRONIC

CHECKIN = {"date": "2024-05-15", "pain_now": 4}


def url(person: Made, tail: str = "checkins") -> str:
    return f"/api/v1/patients/{person.patient_id}/{tail}"


def test_a_write_token_reads_and_writes_its_own_record(
    anonymous: TestClient, person: Made, engine: Engine
) -> None:
    headers = bearer(token_for(engine, person.username, Scope.WRITE))
    assert (
        anonymous.post(url(person, "assessments"), json=CHRONIC, headers=headers).status_code == 201
    )
    assert anonymous.post(url(person), json=CHECKIN, headers=headers).status_code == 201
    assert anonymous.get(url(person, "plan"), headers=headers).status_code == 200


def test_a_read_token_cannot_write(anonymous: TestClient, person: Made, engine: Engine) -> None:
    headers = bearer(token_for(engine, person.username, Scope.READ))
    assert anonymous.get(url(person), headers=headers).status_code == 200
    assert anonymous.post(url(person), json=CHECKIN, headers=headers).status_code == 403


def test_a_token_needs_no_csrf_token_and_no_cookie(
    anonymous: TestClient, person: Made, engine: Engine
) -> None:
    headers = {**bearer(token_for(engine, person.username)), "Origin": "https://elsewhere.example"}
    assert anonymous.post(url(person), json=CHECKIN, headers=headers).status_code == 201


def test_an_unknown_token_is_401(anonymous: TestClient, person: Made) -> None:
    response = anonymous.get(url(person), headers=bearer("bc_made-up"))
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_no_credential_at_all_is_401(anonymous: TestClient, person: Made) -> None:
    assert anonymous.get(url(person)).status_code == 401
    assert anonymous.get("/api/v1/patients").status_code == 401


def test_a_revoked_token_stops_working_at_once(
    anonymous: TestClient, person: Made, engine: Engine
) -> None:
    headers = bearer(token_for(engine, person.username))
    token_id = anonymous.get("/api/v1/tokens", headers=headers).json()[0]["id"]
    assert anonymous.delete(f"/api/v1/tokens/{token_id}", headers=headers).status_code == 204
    assert anonymous.get(url(person), headers=headers).status_code == 401


def test_a_revoked_token_writes_nothing_though_its_check_runs_in_the_write_transaction(
    anonymous: TestClient, person: Made, engine: Engine
) -> None:
    headers = bearer(token_for(engine, person.username))
    assert anonymous.post(url(person), json=CHECKIN, headers=headers).status_code == 201
    token_id = anonymous.get("/api/v1/tokens", headers=headers).json()[0]["id"]
    assert anonymous.delete(f"/api/v1/tokens/{token_id}", headers=headers).status_code == 204
    later = {**CHECKIN, "date": "2024-05-16"}
    assert anonymous.post(url(person), json=later, headers=headers).status_code == 401
    with engine.connect() as conn:
        stored = conn.execute(
            text("SELECT count(*) FROM checkins WHERE patient_id = :p"), {"p": person.patient_id}
        ).scalar_one()
    assert stored == 1


def test_an_expired_token_is_401(anonymous: TestClient, person: Made, engine: Engine) -> None:
    headers = bearer(token_for(engine, person.username))
    past = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    with unit_of_work(engine) as session:
        session.execute(text("UPDATE api_tokens SET expires_at = :t"), {"t": past})
    assert anonymous.get(url(person), headers=headers).status_code == 401


def test_tokens_are_listed_per_account_without_their_secret(
    anonymous: TestClient, person: Made, clinician: str, engine: Engine
) -> None:
    token = token_for(engine, person.username)
    token_for(engine, clinician)
    listed = anonymous.get("/api/v1/tokens", headers=bearer(token)).json()
    assert len(listed) == 1
    assert token not in str(listed)
    with unit_of_work(engine) as session:
        stored = session.execute(text("SELECT token_hash FROM api_tokens")).scalars().all()
    assert token not in stored


def test_a_token_made_through_the_api_cannot_exceed_its_maker(
    anonymous: TestClient, person: Made, engine: Engine
) -> None:
    writer = bearer(token_for(engine, person.username, Scope.WRITE))
    made = anonymous.post("/api/v1/tokens", json={"name": "phone", "scope": "read"}, headers=writer)
    assert made.status_code == 201
    reader = bearer(made.json()["token"])
    refused = anonymous.post("/api/v1/tokens", json={"name": "x", "scope": "write"}, headers=reader)
    assert refused.status_code == 403


def test_a_persons_token_reaches_no_other_record(
    anonymous: TestClient, person: Made, patient_id: str, engine: Engine
) -> None:
    headers = bearer(token_for(engine, person.username))
    response = anonymous.get(f"/api/v1/patients/{patient_id}/plan", headers=headers)
    assert response.status_code == 404
    listed = anonymous.get("/api/v1/patients", headers=headers).json()["items"]
    assert [p["id"] for p in listed] == [person.patient_id]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_openapi_declares_the_bearer_scheme_on_protected_routes(anonymous: TestClient) -> None:
    document = anonymous.get("/openapi.json").json()
    assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    paths = document["paths"]
    assert paths["/api/v1/patients/{patient_id}/checkins"]["post"]["security"] == [{"bearer": []}]
    assert "security" not in paths["/api/v1/health"]["get"]

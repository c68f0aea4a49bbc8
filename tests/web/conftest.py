"""Web fixtures: the app on SQLite and on PostgreSQL (the store's fixtures), a fixed clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from backcare.accounts.vocabulary import Role
from backcare.knowledge.loader import Knowledge
from backcare.settings import Settings
from backcare.web.app import create_app
from tests.store import conftest as store
from tests.web.auth_support import Made, make_account, sign_in

# The store's fixtures, so every web test runs on SQLite and on PostgreSQL the same way.
postgres_url = store.postgres_url
db_url = store.db_url
settings = store.settings
engine = store.engine
chronic_intake = store.chronic_intake
plan = store.plan

TODAY = dt.date(2024, 5, 15)
CHRONIC: dict[str, Any] = {"age": 45, "duration_weeks": 20, "pain_now": 6}
EMERGENCY: dict[str, Any] = {
    "age": 45,
    "duration_weeks": 1,
    "pain_now": 7,
    "numbness": ["saddle"],
    "bladder_bowel_change": True,
}


@pytest.fixture
def app(engine: Engine, knowledge: Knowledge) -> FastAPI:
    """The app on the database ``engine`` migrated, with today fixed."""
    url = engine.url.render_as_string(hide_password=False)
    settings = Settings(database_url=url, environment="test")
    return create_app(settings, knowledge=knowledge, today=lambda: TODAY)


CLINICIAN = "dr-who"
"""The default client's account: a physiotherapist, given access to every record they add."""


@pytest.fixture
def clinician(engine: Engine) -> str:
    return make_account(engine, CLINICIAN, Role.CLINICIAN).username


@pytest.fixture
def client(app: FastAPI, clinician: str) -> Iterator[TestClient]:
    """A browser signed in as a clinician (session cookie and CSRF token)."""
    with TestClient(app) as test_client:
        yield sign_in(test_client, clinician)


PERSON = "ann"


@pytest.fixture
def person(engine: Engine) -> Made:
    """A person's account with a record of their own ("Ann Example")."""
    return make_account(engine, PERSON, Role.PERSON, display_name="Ann Example")


@pytest.fixture
def person_client(app: FastAPI, person: Made) -> Iterator[TestClient]:
    """A browser signed in as the person."""
    with TestClient(app) as test_client:
        yield sign_in(test_client, person.username)


@pytest.fixture
def anonymous(app: FastAPI) -> Iterator[TestClient]:
    """A client that has not signed in."""
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def patient_id(client: TestClient) -> str:
    response = client.post("/api/v1/patients", json={"display_name": "Ann Example"})
    assert response.status_code == 201, response.text
    found: str = response.json()["id"]
    return found


@pytest.fixture
def assessed(client: TestClient, patient_id: str) -> dict[str, Any]:
    """The patient assessed with a plain chronic intake; the assessment result."""
    response = client.post(f"/api/v1/patients/{patient_id}/assessments", json=CHRONIC)
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result

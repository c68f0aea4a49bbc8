"""Web fixtures: the app on SQLite and on PostgreSQL (the store's fixtures), a fixed clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, update

from backcare.accounts.vocabulary import Role
from backcare.knowledge.loader import Knowledge
from backcare.patients.models import Patient
from backcare.settings import Settings
from backcare.store.db import unit_of_work
from backcare.web.app import create_app
from tests.store import conftest as store
from tests.store.conftest import RECORD_BEGAN
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
    """A person's account with a record of their own ("Ann Example"), begun on RECORD_BEGAN."""
    made = make_account(engine, PERSON, Role.PERSON, display_name="Ann Example")
    began(engine, made.patient_id)
    return made


def began(engine: Engine, patient_id: str | None) -> None:
    """Date a record back to RECORD_BEGAN: the app's today is fixed in 2024, the database's
    clock is not, and dates are checked against the day the record began."""
    assert patient_id is not None
    with unit_of_work(engine) as session:
        query = update(Patient).where(Patient.id == patient_id).values(created_at=RECORD_BEGAN)
        session.execute(query)


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


ASSESSED_ON = dt.date(2024, 5, 1)
"""The day the ``assessed`` fixture's assessment is for: two weeks before TODAY."""


@pytest.fixture
def patient_id(client: TestClient, engine: Engine) -> str:
    """A patient whose record began on 1 January 2024, before the app's fixed today."""
    response = client.post("/api/v1/patients", json={"display_name": "Ann Example"})
    assert response.status_code == 201, response.text
    found: str = response.json()["id"]
    began(engine, found)
    return found


@pytest.fixture
def assessed(client: TestClient, patient_id: str) -> dict[str, Any]:
    """The patient assessed on ASSESSED_ON with a plain chronic intake; the assessment result."""
    response = client.post(
        f"/api/v1/patients/{patient_id}/assessments",
        json=CHRONIC,
        params={"date": ASSESSED_ON.isoformat()},
    )
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result

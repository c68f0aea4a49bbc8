"""Care-team fixtures: the app with a clock the test moves, a person with a plan, clinicians."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from backcare.accounts.vocabulary import Profession, Role
from backcare.knowledge.loader import Knowledge
from backcare.settings import Settings
from backcare.web.app import create_app
from tests.store import conftest as store
from tests.web import conftest as web
from tests.web.auth_support import Clock, make_account, sign_in
from tests.web.conftest import ASSESSED_ON, CHRONIC, TODAY, began

postgres_url = web.postgres_url
db_url = web.db_url
settings = web.settings
engine = web.engine
cli = store.cli
START = dt.datetime(2024, 5, 15, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def app(engine: Engine, knowledge: Knowledge, clock: Clock) -> FastAPI:
    url = engine.url.render_as_string(hide_password=False)
    settings = Settings(database_url=url, environment="test")
    return create_app(settings, knowledge=knowledge, today=lambda: TODAY, now=clock)


@dataclass
class Team:
    """A person (with a chronic plan) and three clinicians, each signed in on a client."""

    patient_id: str
    person: TestClient
    physio: TestClient
    masseur: TestClient
    doctor: TestClient


@pytest.fixture
def team(app: FastAPI, engine: Engine) -> Iterator[Team]:
    made = make_account(engine, "ann", Role.PERSON, display_name="Ann Example")
    assert made.patient_id
    began(engine, made.patient_id)
    make_account(engine, "physio", Role.CLINICIAN, profession=Profession.PHYSIOTHERAPIST)
    make_account(engine, "masseur", Role.CLINICIAN, profession=Profession.MASSAGE_THERAPIST)
    make_account(engine, "doctor", Role.CLINICIAN, profession=Profession.DOCTOR)
    with (
        TestClient(app) as person,
        TestClient(app) as physio,
        TestClient(app) as masseur,
        TestClient(app) as doctor,
    ):
        sign_in(person, "ann")
        sign_in(physio, "physio")
        sign_in(masseur, "masseur")
        sign_in(doctor, "doctor")
        response = person.post(
            f"/api/v1/patients/{made.patient_id}/assessments",
            json=CHRONIC,
            params={"date": ASSESSED_ON.isoformat()},
        )
        assert response.status_code == 201, response.text
        yield Team(made.patient_id, person, physio, masseur, doctor)


def invite(team: Team, share: str = "whole_record") -> str:
    """A fresh invitation code from the person."""
    response = team.person.post(
        f"/api/v1/patients/{team.patient_id}/team/invites", json={"share": share}
    )
    assert response.status_code == 201, response.text
    code: str = response.json()["code"]
    return code


def join(client: TestClient, code: str, *, accept: bool = True) -> dict[str, object]:
    """A clinician answers an invitation."""
    response = client.post("/api/v1/team/invites/answer", json={"code": code, "accept": accept})
    assert response.status_code == 200, response.text
    answered: dict[str, object] = response.json()
    return answered

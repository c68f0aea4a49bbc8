"""Dated query parameters and measures stay within the person's record (domain.dates).

The ``client`` fixture signs in as a clinician, who is given care access to the record they
add.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from backcare.accounts.vocabulary import Role
from backcare.domain.dates import BACKFILL
from backcare.knowledge.loader import Knowledge
from backcare.settings import Settings
from backcare.web.app import create_app
from tests.web.auth_support import make_account, sign_in
from tests.web.conftest import CHRONIC

# The real clock: records begin on the real today, so their bounds can be crossed both ways.
TODAY = dt.date.today()
FAR_PAST, FAR_FUTURE = "0001-01-01", "9999-12-25"


@pytest.fixture
def app(engine: Engine, knowledge: Knowledge) -> FastAPI:
    url = engine.url.render_as_string(hide_password=False)
    return create_app(Settings(database_url=url, environment="test"), knowledge=knowledge)


@pytest.fixture
def client(app: FastAPI, engine: Engine) -> Iterator[TestClient]:
    make_account(engine, "dr-who", Role.CLINICIAN)
    with TestClient(app) as test_client:
        yield sign_in(test_client, "dr-who")


@pytest.fixture
def patient_url(client: TestClient) -> str:
    """A patient assessed today (where progress starts)."""
    patient = client.post("/api/v1/patients", json={"display_name": "Ann Example"}).json()
    url = f"/api/v1/patients/{patient['id']}"
    assert client.post(f"{url}/assessments", json=CHRONIC).status_code == 201
    return url


def day(offset: int) -> str:
    return (TODAY + dt.timedelta(days=offset)).isoformat()


def refused(response: Any, where: str, field: str) -> str:
    assert response.status_code == 422, response.text
    (problem,) = response.json()["detail"]
    assert problem["loc"] == [where, field]
    message: str = problem["msg"]
    return message


@pytest.mark.parametrize("on", [FAR_PAST, FAR_FUTURE, day(2), day(-1)])
def test_progress_on_a_day_outside_the_record_is_a_422(
    client: TestClient, patient_url: str, on: str
) -> None:
    response = client.get(f"{patient_url}/progress", params={"on": on})
    assert on in refused(response, "query", "on")


@pytest.mark.parametrize("on", [day(0), day(1)])
def test_progress_on_a_day_inside_the_record_is_answered(
    client: TestClient, patient_url: str, on: str
) -> None:
    response = client.get(f"{patient_url}/progress", params={"on": on})
    assert response.status_code == 200, response.text
    assert response.json()["today"] == on


@pytest.mark.parametrize("what", ["checkins", "sessions"])
@pytest.mark.parametrize("field", ["since", "until"])
@pytest.mark.parametrize("value", [FAR_PAST, FAR_FUTURE, day(2)])
def test_a_filter_day_outside_the_record_is_a_422(
    client: TestClient, patient_url: str, what: str, field: str, value: str
) -> None:
    response = client.get(f"{patient_url}/{what}", params={field: value})
    assert value in refused(response, "query", field)


@pytest.mark.parametrize("what", ["checkins", "sessions"])
def test_a_filter_inside_the_record_is_answered(
    client: TestClient, patient_url: str, what: str
) -> None:
    response = client.get(f"{patient_url}/{what}", params={"since": day(-30), "until": day(1)})
    assert response.status_code == 200, response.text


def test_a_filter_running_backwards_is_a_422(client: TestClient, patient_url: str) -> None:
    response = client.get(f"{patient_url}/checkins", params={"since": day(0), "until": day(-1)})
    assert "before since" in refused(response, "query", "until")


def measure(client: TestClient, url: str, date: str) -> Any:
    body = {"date": date, "value": {"kind": "NPRS", "score": 4}}
    return client.post(f"{url}/measures", json=body)


@pytest.mark.parametrize("date", [FAR_PAST, FAR_FUTURE, day(2), day(-BACKFILL.days - 1)])
def test_a_measure_dated_outside_the_record_is_a_422(
    client: TestClient, patient_url: str, date: str
) -> None:
    assert date in refused(measure(client, patient_url, date), "body", "date")


@pytest.mark.parametrize("date", [day(1), day(0), day(-BACKFILL.days)])
def test_a_measure_dated_inside_the_record_is_stored(
    client: TestClient, patient_url: str, date: str
) -> None:
    assert measure(client, patient_url, date).status_code == 201

"""Sign-in sessions: cookie flags, no fixation, idle and absolute timeouts, signing out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from backcare.accounts.vocabulary import Role
from backcare.knowledge.loader import Knowledge
from backcare.settings import Settings
from backcare.store.db import read_only
from backcare.web.app import create_app
from backcare.web.auth.credentials import COOKIE
from tests.store.helpers import count_rows
from tests.web.auth_support import PASSWORD, Clock, make_account, sign_in
from tests.web.conftest import TODAY

START = dt.datetime(2024, 5, 15, 9, 0, tzinfo=dt.UTC)
HOST = "testserver.local"
"""Where the test client keeps the cookies the app sets."""


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def clocked(engine: Engine, knowledge: Knowledge, clock: Clock) -> Iterator[TestClient]:
    """An app whose clock the test moves; a person 'ann' exists."""
    url = engine.url.render_as_string(hide_password=False)
    settings = Settings(
        database_url=url, environment="test", session_idle_minutes=30, session_absolute_hours=12
    )
    app: FastAPI = create_app(settings, knowledge=knowledge, today=lambda: TODAY, now=clock)
    make_account(engine, "ann", Role.PERSON)
    with TestClient(app) as client:
        yield client


def test_the_cookie_is_http_only_and_same_site_lax(clocked: TestClient) -> None:
    response = clocked.post(
        "/signin", data={"username": "ann", "password": PASSWORD}, follow_redirects=False
    )
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    assert "secure" not in cookie  # plain http on loopback; over https it is Secure


def test_over_https_the_cookie_is_secure_and_host_only(engine: Engine, app: FastAPI) -> None:
    make_account(engine, "ann", Role.PERSON)
    with TestClient(app, base_url="https://testserver") as client:
        response = client.post(
            "/signin", data={"username": "ann", "password": PASSWORD}, follow_redirects=False
        )
        cookie = response.headers["set-cookie"]
        assert cookie.startswith("__Host-backcare_session=")
        assert "Secure" in cookie
        assert client.get("/account", follow_redirects=False).status_code == 200


def test_signing_in_issues_a_new_session_and_ignores_a_planted_one(clocked: TestClient) -> None:
    clocked.cookies.set(COOKIE, "planted-by-an-attacker", domain=HOST)
    sign_in(clocked, "ann")
    assert clocked.cookies.get(COOKIE) != "planted-by-an-attacker"
    clocked.cookies.set(COOKIE, "planted-by-an-attacker", domain=HOST)
    assert clocked.get("/account", follow_redirects=False).status_code == 303


def test_only_the_hash_of_the_session_is_stored(clocked: TestClient, engine: Engine) -> None:
    sign_in(clocked, "ann")
    secret = clocked.cookies.get(COOKIE)
    assert secret
    with read_only(engine) as session:
        stored = session.execute(text("SELECT * FROM login_sessions")).all()
    assert len(stored) == 1
    assert all(secret not in str(value) for value in stored[0])


def test_an_idle_session_ends(clocked: TestClient, clock: Clock) -> None:
    sign_in(clocked, "ann")
    clock.advance(minutes=29)
    assert clocked.get("/account", follow_redirects=False).status_code == 200
    clock.advance(minutes=29)  # used 29 minutes ago: still alive
    assert clocked.get("/account", follow_redirects=False).status_code == 200
    clock.advance(minutes=31)
    response = clocked.get("/account", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/signin")


def test_a_session_ends_after_its_absolute_lifetime_even_in_use(
    clocked: TestClient, clock: Clock
) -> None:
    sign_in(clocked, "ann")
    for _ in range(28):  # used every 25 minutes: never idle, until 11 h 40 min
        clock.advance(minutes=25)
        assert clocked.get("/account", follow_redirects=False).status_code == 200
    clock.advance(minutes=25)
    assert clocked.get("/account", follow_redirects=False).status_code == 303


def test_the_api_answers_401_with_a_bearer_challenge_when_the_session_ended(
    clocked: TestClient, clock: Clock
) -> None:
    sign_in(clocked, "ann")
    clock.advance(hours=13)
    response = clocked.get("/api/v1/me")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_signing_out_ends_the_session_on_the_server(clocked: TestClient) -> None:
    sign_in(clocked, "ann")
    secret = clocked.cookies.get(COOKIE)
    assert clocked.post("/signout", follow_redirects=False).status_code == 303
    clocked.cookies.set(COOKIE, secret or "", domain=HOST)
    assert clocked.get("/account", follow_redirects=False).status_code == 303


def test_signing_out_everywhere_ends_every_session_of_the_account(
    clocked: TestClient, engine: Engine
) -> None:
    other = TestClient(clocked.app)
    sign_in(other, "ann")
    sign_in(clocked, "ann")
    assert count_rows(engine, "login_sessions") == 2
    assert clocked.post("/signout-everywhere", follow_redirects=False).status_code == 303
    assert count_rows(engine, "login_sessions") == 0
    assert other.get("/account", follow_redirects=False).status_code == 303


def test_an_anonymous_visitor_is_sent_to_sign_in_and_back(anonymous: TestClient) -> None:
    response = anonymous.get("/patients/abcd/plan?version=2", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/signin?next=%2Fpatients%2Fabcd%2Fplan%3Fversion%3D2"

"""Signing in: same answers for unknown and wrong, back-off and lockout, rehash, second factor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from backcare.accounts import throttle, totp
from backcare.accounts.vocabulary import Role
from backcare.knowledge.loader import Knowledge
from backcare.settings import Settings
from backcare.store.db import unit_of_work
from backcare.web.app import create_app
from tests.web.auth_support import PASSWORD, Clock, make_account
from tests.web.conftest import TODAY

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
START = dt.datetime(2024, 5, 15, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def app_at(engine: Engine, knowledge: Knowledge, clock: Clock) -> FastAPI:
    url = engine.url.render_as_string(hide_password=False)
    settings = Settings(database_url=url, environment="test")
    make_account(engine, "ann", Role.PERSON)
    return create_app(settings, knowledge=knowledge, today=lambda: TODAY, now=clock)


@pytest.fixture
def browser(app_at: FastAPI) -> Iterator[TestClient]:
    with TestClient(app_at) as client:
        yield client


def attempt(client: TestClient, username: str, password: str, code: str = "") -> Any:
    data = {"username": username, "password": password, "code": code}
    return client.post("/signin", data=data, follow_redirects=False)


def test_an_unknown_name_and_a_wrong_password_get_the_same_answer(browser: TestClient) -> None:
    unknown = attempt(browser, "nobody-here", "whatever-it-is")
    wrong = attempt(browser, "ann", "whatever-it-is")
    assert unknown.status_code == wrong.status_code == 401
    assert unknown.context["message"] == wrong.context["message"]
    assert unknown.text.replace("nobody-here", "ann") == wrong.text


def test_an_unknown_name_costs_one_password_check_like_a_real_one(
    browser: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []
    original = PasswordHasher.verify

    def counting(self: PasswordHasher, stored: str, password: str) -> bool:
        checked.append(stored)
        return original(self, stored, password)

    monkeypatch.setattr(PasswordHasher, "verify", counting)
    attempt(browser, "nobody-here", "whatever-it-is")
    attempt(browser, "ann", "whatever-it-is")
    assert len(checked) == 2
    assert all(stored.startswith("$argon2id$") for stored in checked)


def test_after_the_free_tries_the_account_must_wait(browser: TestClient, clock: Clock) -> None:
    for _ in range(throttle.PER_ACCOUNT.free_failures):
        assert attempt(browser, "ann", "not-the-password").status_code == 401
    blocked = attempt(browser, "ann", PASSWORD)
    assert blocked.status_code == 429
    assert int(blocked.headers["retry-after"]) >= 1
    clock.advance(seconds=2)
    assert attempt(browser, "ann", PASSWORD).status_code == 303


def test_many_failures_lock_the_account_for_a_quarter_of_an_hour(
    browser: TestClient, clock: Clock
) -> None:
    for _ in range(20):
        clock.advance(minutes=15)  # wait out each back-off, as a patient attacker would
        assert attempt(browser, "ann", "not-the-password").status_code == 401
    assert attempt(browser, "ann", PASSWORD).status_code == 429
    clock.advance(minutes=14)
    assert attempt(browser, "ann", PASSWORD).status_code == 429
    clock.advance(minutes=2)
    assert attempt(browser, "ann", PASSWORD).status_code == 303


def test_an_unknown_name_is_throttled_exactly_like_a_real_one(browser: TestClient) -> None:
    for name in ("ann", "nobody-here"):
        answers = [
            attempt(browser, name, "not-the-password").status_code
            for _ in range(throttle.PER_ACCOUNT.free_failures + 2)
        ]
        assert answers[-1] == 429, name


def test_one_address_guessing_many_names_is_slowed_down(browser: TestClient) -> None:
    codes = [
        attempt(browser, f"name-{n}", "not-the-password").status_code
        for n in range(throttle.PER_ADDRESS.free_failures + 2)
    ]
    assert codes[-1] == 429


def test_a_success_clears_the_accounts_failures(browser: TestClient, engine: Engine) -> None:
    attempt(browser, "ann", "not-the-password")
    assert attempt(browser, "ann", PASSWORD).status_code == 303
    with unit_of_work(engine) as session:
        keys = session.execute(text("SELECT key FROM login_failures")).scalars().all()
    assert keys == [throttle.address_key("testclient")]


def test_a_disabled_account_gets_the_same_answer_as_a_wrong_password(
    browser: TestClient, engine: Engine
) -> None:
    with unit_of_work(engine) as session:
        session.execute(text("UPDATE accounts SET disabled = TRUE WHERE username = 'ann'"))
    response = attempt(browser, "ann", PASSWORD)
    assert response.status_code == 401
    assert response.context["message"] == "That name and password do not match an account."


def test_a_hash_made_with_old_parameters_is_replaced_at_sign_in(
    browser: TestClient, engine: Engine
) -> None:
    old = PasswordHasher(time_cost=1, memory_cost=16, parallelism=1).hash(PASSWORD)
    with unit_of_work(engine) as session:
        session.execute(text("UPDATE accounts SET password_hash = :h"), {"h": old})
    assert attempt(browser, "ann", PASSWORD).status_code == 303
    with unit_of_work(engine) as session:
        stored = session.execute(text("SELECT password_hash FROM accounts")).scalar_one()
    assert stored != old
    assert stored.startswith("$argon2id$")


def test_with_totp_the_password_alone_is_not_enough(
    browser: TestClient, engine: Engine, clock: Clock
) -> None:
    secret = totp.new_secret()
    with unit_of_work(engine) as session:
        session.execute(text("UPDATE accounts SET totp_secret = :s"), {"s": secret})
    assert attempt(browser, "ann", PASSWORD).status_code == 401
    code = totp.code_at(secret, clock())
    wrong = f"{(int(code) + 500_000) % 10**6:06d}"
    needed = attempt(browser, "ann", PASSWORD, wrong)
    assert needed.status_code == 401
    assert needed.context["message"] == "Enter the 6-digit code from your authenticator app."
    clock.advance(seconds=1)
    browser.cookies.clear()
    assert attempt(browser, "ann", PASSWORD, code).status_code == 303
    browser.cookies.clear()
    assert attempt(browser, "ann", PASSWORD, code).status_code == 401  # a code works once

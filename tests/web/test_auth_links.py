"""The one-time sign-in link: single use, expiring, only its hash stored; choosing a password."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from backcare.accounts import links
from backcare.accounts.repository import account_by_name
from backcare.accounts.vocabulary import LinkPurpose, Role
from backcare.knowledge.loader import Knowledge
from backcare.settings import Settings
from backcare.store.db import unit_of_work
from backcare.web.app import create_app
from backcare.web.auth.credentials import COOKIE
from tests.web.auth_support import Clock, make_account
from tests.web.conftest import TODAY

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
START = dt.datetime(2024, 5, 15, 9, 0, tzinfo=dt.UTC)
NEW = {"password": "seven green bottles", "confirm": "seven green bottles"}


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def browser(engine: Engine, knowledge: Knowledge, clock: Clock) -> Iterator[TestClient]:
    url = engine.url.render_as_string(hide_password=False)
    settings = Settings(database_url=url, environment="test", sign_in_link_hours=24)
    app = create_app(settings, knowledge=knowledge, today=lambda: TODAY, now=clock)
    with TestClient(app) as client:
        yield client


@pytest.fixture
def link(engine: Engine) -> str:
    """A first sign-in link for a new person 'owner', who has no password yet."""
    make_account(engine, "owner", Role.PERSON, password=None)
    with unit_of_work(engine) as session:
        account = account_by_name(session, "owner")
        assert account is not None
        secret = links.issue_link(
            session, account=account, purpose=LinkPurpose.FIRST_SIGN_IN, now=START, hours=24
        )
    return f"/welcome/{secret}"


def test_the_link_signs_in_and_sets_a_password(browser: TestClient, link: str) -> None:
    assert browser.get(link).status_code == 200
    response = browser.post(link, data=NEW, follow_redirects=False)
    assert response.status_code == 303
    assert browser.cookies.get(COOKIE)
    assert browser.get("/account", follow_redirects=False).status_code == 200
    browser.cookies.clear()
    data = {"username": "owner", "password": NEW["password"]}
    assert browser.post("/signin", data=data, follow_redirects=False).status_code == 303


def test_the_link_works_only_once(browser: TestClient, link: str) -> None:
    assert browser.post(link, data=NEW, follow_redirects=False).status_code == 303
    browser.cookies.clear()
    assert browser.get(link).status_code == 410
    assert browser.post(link, data=NEW, follow_redirects=False).status_code == 410


def test_the_link_expires(browser: TestClient, link: str, clock: Clock) -> None:
    clock.advance(hours=24, seconds=1)
    assert browser.get(link).status_code == 410
    assert browser.post(link, data=NEW, follow_redirects=False).status_code == 410


def test_opening_the_link_does_not_spend_it(browser: TestClient, link: str) -> None:
    browser.get(link)
    browser.get(link)  # a link preview or a second look
    assert browser.post(link, data=NEW, follow_redirects=False).status_code == 303


def test_a_common_password_is_refused_and_the_link_still_works(
    browser: TestClient, link: str
) -> None:
    weak = {"password": "password1", "confirm": "password1"}
    response = browser.post(link, data=weak, follow_redirects=False)
    assert response.status_code == 422
    assert "too common" in response.context["message"]
    assert browser.post(link, data=NEW, follow_redirects=False).status_code == 303


def test_two_different_passwords_are_refused(browser: TestClient, link: str) -> None:
    data = {"password": NEW["password"], "confirm": "something else entirely"}
    assert browser.post(link, data=data, follow_redirects=False).status_code == 422


def test_a_new_link_replaces_the_old_one(browser: TestClient, link: str, engine: Engine) -> None:
    with unit_of_work(engine) as session:
        account = account_by_name(session, "owner")
        assert account is not None
        links.issue_link(session, account=account, purpose=LinkPurpose.RESET, now=START, hours=24)
    assert browser.get(link).status_code == 410


def test_only_the_hash_of_the_link_is_stored(link: str, engine: Engine) -> None:
    secret = link.rsplit("/", 1)[1]
    with unit_of_work(engine) as session:
        stored = session.execute(text("SELECT token_hash FROM sign_in_links")).scalars().all()
    assert len(stored) == 1
    assert secret not in stored[0]

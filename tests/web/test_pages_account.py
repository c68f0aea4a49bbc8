"""The account page: a new password, the authenticator app, tokens; a required second factor."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from backcare.accounts import totp
from backcare.accounts.vocabulary import Role
from backcare.knowledge.loader import Knowledge
from backcare.settings import Settings
from backcare.store.types import utcnow
from backcare.web.app import create_app
from tests.web.auth_support import PASSWORD, Made, grant, make_account, sign_in
from tests.web.conftest import TODAY

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def test_a_new_password_needs_the_current_one_and_signs_other_devices_out(
    person_client: TestClient, app: FastAPI, person: Made
) -> None:
    elsewhere = sign_in(TestClient(app), person.username)
    wrong = person_client.post("/account/password", data={"current": "nope", "new": "x" * 12})
    assert wrong.status_code == 422
    data = {"current": PASSWORD, "new": "a brand new passphrase"}
    assert person_client.post("/account/password", data=data, follow_redirects=False).is_redirect
    assert person_client.get("/account", follow_redirects=False).status_code == 200
    assert elsewhere.get("/account", follow_redirects=False).status_code == 303


def test_turning_on_the_authenticator_app_needs_a_matching_code(
    person_client: TestClient,
) -> None:
    secret = person_client.get("/account/totp").context["secret"]
    assert (
        person_client.post("/account/totp", data={"secret": secret, "code": "1"}).status_code == 422
    )
    code = totp.code_at(secret, utcnow())
    response = person_client.post(
        "/account/totp", data={"secret": secret, "code": code}, follow_redirects=False
    )
    assert response.is_redirect
    assert person_client.get("/account").context["account"].has_totp


def test_a_token_made_on_the_page_is_shown_once_and_listed(person_client: TestClient) -> None:
    made = person_client.post("/account/tokens", data={"name": "phone", "scope": "read"})
    token = made.context["created"].token
    assert token.startswith("bc_")
    page = person_client.get("/account")
    assert token not in page.text
    assert [t.name for t in page.context["tokens"]] == ["phone"]


def test_a_required_second_factor_bars_staff_until_set_up(
    engine: Engine, knowledge: Knowledge, patient_id: str
) -> None:
    url = engine.url.render_as_string(hide_password=False)
    settings = Settings(database_url=url, environment="test", require_totp_for_staff=True)
    app = create_app(settings, knowledge=knowledge, today=lambda: TODAY)
    make_account(engine, "carer", Role.CLINICIAN)
    grant(engine, "carer", patient_id)
    with TestClient(app) as client:
        sign_in(client, "carer")
        assert client.get(f"/patients/{patient_id}/plan").status_code == 403
        assert client.get("/account").context["totp_required"]
        secret = client.get("/account/totp").context["secret"]
        code = totp.code_at(secret, utcnow())
        client.post("/account/totp", data={"secret": secret, "code": code})
        assert client.get(f"/patients/{patient_id}/plan").status_code == 200


def test_a_person_is_not_asked_for_a_second_factor(engine: Engine, knowledge: Knowledge) -> None:
    url = engine.url.render_as_string(hide_password=False)
    settings = Settings(database_url=url, environment="test", require_totp_for_staff=True)
    app = create_app(settings, knowledge=knowledge, today=lambda: TODAY)
    made = make_account(engine, "ann", Role.PERSON)
    with TestClient(app) as client:
        sign_in(client, "ann")
        assert client.get(f"/api/v1/patients/{made.patient_id}").status_code == 200

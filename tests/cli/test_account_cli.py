"""`backcare user`, `backcare token`, `backcare access`: accounts at the command line, audited."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from backcare.audit.service import list_events
from backcare.cli.web_commands import prepare_database, start_up_links
from backcare.patients.schemas import PatientRead
from backcare.settings import Settings
from backcare.store.db import read_only
from backcare.web.app import create_app
from tests.store.helpers import Cli, count_rows

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
LINK = re.compile(r"http://127\.0\.0\.1:8000/welcome/([A-Za-z0-9_-]+)")
NEW = {"password": "seven green bottles", "confirm": "seven green bottles"}


def web(settings: Settings) -> TestClient:
    return TestClient(create_app(settings))


def test_user_add_prints_a_link_that_signs_in(cli: Cli, settings: Settings) -> None:
    result = cli("user", "add", "Carer", "--role", "clinician", "--profession", "nurse")
    assert result.exit_code == 0, result.output
    found = LINK.search(result.output)
    assert found
    client = web(settings)
    response = client.post(f"/welcome/{found.group(1)}", data=NEW, follow_redirects=False)
    assert response.status_code == 303
    assert client.get("/api/v1/me").json()["profession"] == "nurse"


def test_a_person_gets_a_record_of_their_own(cli: Cli, engine: Engine) -> None:
    assert cli("user", "add", "ann", "--role", "person", "--name", "Ann").exit_code == 0
    assert count_rows(engine, "patients") == 1
    listed = cli("user", "list", "--json")
    assert '"patient_id": "' in listed.output


def test_bad_input_is_exit_code_2_with_one_sentence(cli: Cli) -> None:
    result = cli("user", "add", "x!", "--role", "admin")
    assert result.exit_code == 2
    assert result.output.startswith("Error: username")
    no_profession = cli("user", "add", "carer", "--role", "clinician")
    assert no_profession.exit_code == 2
    assert "profession" in no_profession.output


def test_a_taken_name_is_refused(cli: Cli) -> None:
    cli("user", "add", "root", "--role", "admin")
    assert cli("user", "add", "ROOT", "--role", "admin").exit_code == 2


def test_disable_ends_sessions_and_tokens(cli: Cli, settings: Settings) -> None:
    cli("user", "add", "ann", "--role", "person")
    token = cli("token", "create", "ann", "--name", "phone").output.strip().splitlines()[-1]
    client = web(settings)
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    assert cli("user", "disable", "ann").exit_code == 0
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_reset_password_prints_a_fresh_link(cli: Cli) -> None:
    cli("user", "add", "ann", "--role", "person")
    result = cli("user", "reset-password", "ann")
    assert result.exit_code == 0
    assert LINK.search(result.output)
    assert cli("user", "reset-password", "nobody").exit_code == 2


def test_tokens_are_made_listed_and_revoked(cli: Cli, settings: Settings) -> None:
    cli("user", "add", "ann", "--role", "person")
    made = cli("token", "create", "ann", "--name", "phone", "--scope", "write", "--days", "7")
    token = made.output.strip().splitlines()[-1]
    listed = cli("token", "list", "ann", "--json").output
    token_id = re.search(r'"id": "([0-9a-f]+)"', listed)
    assert token_id
    assert token not in listed
    assert cli("token", "revoke", "ann", token_id.group(1)).exit_code == 0
    headers = {"Authorization": f"Bearer {token}"}
    assert web(settings).get("/api/v1/me", headers=headers).status_code == 401


def test_access_grant_and_revoke(cli: Cli, settings: Settings, patient: PatientRead) -> None:
    patient_id = patient.id
    cli("user", "add", "carer", "--role", "clinician", "--profession", "doctor")
    token = cli("token", "create", "carer", "--name", "t").output.strip().splitlines()[-1]
    headers = {"Authorization": f"Bearer {token}"}
    client = web(settings)
    assert client.get(f"/api/v1/patients/{patient_id}", headers=headers).status_code == 404
    assert cli("access", "grant", "carer", patient_id[:8]).exit_code == 0
    assert client.get(f"/api/v1/patients/{patient_id}", headers=headers).status_code == 200
    assert cli("access", "revoke", "carer", patient_id).exit_code == 0
    assert client.get(f"/api/v1/patients/{patient_id}", headers=headers).status_code == 404
    assert cli("access", "grant", "nobody", patient_id).exit_code == 2


def test_command_line_actions_are_logged_as_the_os_user(
    cli: Cli,
    engine: Engine,
) -> None:
    cli("user", "add", "root", "--role", "admin")
    with read_only(engine) as session:
        rows = list_events(session, limit=10)
    assert [(r.actor_role, r.action) for r in rows] == [("os_user", "account.create")]


def test_serve_makes_the_local_owner_and_prints_links_until_a_password_is_set(
    settings: Settings,
) -> None:
    assert prepare_database(settings, demo=True)
    lines = start_up_links(settings, "http://127.0.0.1:8000")
    assert len(lines) == 2  # the owner, and the demo physiotherapist
    assert "demo-physio" in lines[1]
    owner = LINK.search(lines[0])
    assert owner
    client = web(settings)
    assert client.post(f"/welcome/{owner.group(1)}", data=NEW, follow_redirects=False).is_redirect
    # A person's home is their own today page.
    home = client.get("/", follow_redirects=False)
    assert home.status_code == 303
    assert home.headers["location"].endswith("/today")
    today = client.get(home.headers["location"])
    assert today.status_code == 200
    assert today.context["patient"].id in home.headers["location"]
    again = start_up_links(settings, "http://127.0.0.1:8000")
    assert len(again) == 1
    assert "demo-physio" in again[0]


def test_the_demo_physiotherapist_sees_the_demo_people(settings: Settings) -> None:
    prepare_database(settings, demo=True)
    demo = LINK.search(start_up_links(settings, "http://127.0.0.1:8000")[1])
    assert demo
    client = web(settings)
    client.post(f"/welcome/{demo.group(1)}", data=NEW)
    names = [p.display_name for p in client.get("/").context["records"]]
    assert len(names) == 4
    assert all(name.startswith("Demo: ") for name in names)

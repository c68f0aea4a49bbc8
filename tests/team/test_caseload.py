"""The caseload: its figures, its order, its pages, and one SQL statement whatever its size."""

from __future__ import annotations

import datetime as dt

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event

from backcare.access.actors import operator
from backcare.accounts.repository import account_by_name
from backcare.accounts.vocabulary import Profession, Role
from backcare.knowledge.loader import Knowledge
from backcare.store.db import read_only, unit_of_work
from backcare.team.caseload import CaseloadFilter, caseload
from backcare.team.clinics import add_clinician, create_clinic
from backcare.team.schemas import ClinicCreate
from tests.team.conftest import START, Team, invite, join
from tests.web.auth_support import make_account, sign_in
from tests.web.conftest import ASSESSED_ON, CHRONIC, TODAY, began


def test_the_week_figures_and_the_trend(team: Team) -> None:
    join(team.physio, invite(team))
    for n in range(14):
        day = TODAY - dt.timedelta(days=13 - n)
        pain = 7 if n < 7 else 4
        body = {"date": day.isoformat(), "pain_now": pain, "sessions_done": 1, "minutes": 20}
        response = team.person.post(f"/api/v1/patients/{team.patient_id}/checkins", json=body)
        assert response.status_code == 201, response.text
    [row] = team.physio.get("/api/v1/clinician/caseload").json()
    assert row["last_checkin"] == TODAY.isoformat()
    assert (row["sessions_this_week"], row["sessions_planned"]) == (7, 5)
    assert (row["pain_this_week"], row["pain_last_week"]) == (4.0, 7.0)
    assert row["trend"] == "better"
    assert row["level"] == "self_care"
    assert row["share"] == "whole_record"


def test_one_statement_and_pages_whatever_the_size(
    team: Team, engine: Engine, knowledge: Knowledge
) -> None:
    join(team.physio, invite(team))
    with read_only(engine) as session:
        account = account_by_name(session, "physio")
        assert account is not None
        statements: list[str] = []

        def count(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
            statements.append(statement)

        event.listen(engine, "before_cursor_execute", count)
        try:
            rows = caseload(
                session, clinician_id=account.id, today=TODAY, thresholds=knowledge.thresholds
            )
        finally:
            event.remove(engine, "before_cursor_execute", count)
        assert len(rows) == 1
        assert len(statements) == 1
        skipped = caseload(
            session,
            clinician_id=account.id,
            today=TODAY,
            thresholds=knowledge.thresholds,
            offset=1,
        )
        assert skipped == []
    bad = team.physio.get("/api/v1/clinician/caseload", params={"limit": 0})
    assert bad.status_code == 422


def second_person(app: FastAPI, engine: Engine) -> tuple[str, TestClient]:
    """Bob, with a record and a plan, signed in on his own client (closed by the caller)."""
    made = make_account(engine, "bob", Role.PERSON, display_name="Bob Example")
    assert made.patient_id
    began(engine, made.patient_id)
    client = TestClient(app)
    client.__enter__()
    sign_in(client, "bob")
    response = client.post(
        f"/api/v1/patients/{made.patient_id}/assessments",
        json=CHRONIC,
        params={"date": ASSESSED_ON.isoformat()},
    )
    assert response.status_code == 201, response.text
    return made.patient_id, client


def code_from(client: TestClient, patient_id: str) -> str:
    response = client.post(
        f"/api/v1/patients/{patient_id}/team/invites", json={"share": "whole_record"}
    )
    assert response.status_code == 201, response.text
    code: str = response.json()["code"]
    return code


def clinic(engine: Engine, name: str, *members: str) -> int:
    actor = operator()
    with unit_of_work(engine) as session:
        made = create_clinic(session, data=ClinicCreate(name=name), by=actor, source="t", now=START)
        for member in members:
            add_clinician(session, clinic=name, clinician=member, by=actor, source="t", now=START)
    return made.id


def names(client: TestClient, **params: object) -> list[str]:
    response = client.get("/api/v1/clinician/caseload", params=params)
    assert response.status_code == 200, response.text
    return [row["name"] for row in response.json()]


def test_the_caseload_filters_by_a_profession_in_the_team_and_by_the_leads_clinic(
    team: Team, app: FastAPI, engine: Engine, knowledge: Knowledge
) -> None:
    # Ann: the physiotherapist leads, a doctor is in the team. Bob: the massage therapist
    # leads, the physiotherapist joins him.
    join(team.physio, invite(team))
    join(team.doctor, invite(team))
    bob, bob_client = second_person(app, engine)
    try:
        join(team.masseur, code_from(bob_client, bob))
        join(team.physio, code_from(bob_client, bob))
    finally:
        bob_client.__exit__(None, None, None)
    riverside = clinic(engine, "Riverside", "physio")
    hillside = clinic(engine, "Hillside", "physio", "masseur")
    elsewhere = clinic(engine, "Elsewhere", "doctor")

    assert names(team.physio) == ["Ann Example", "Bob Example"]
    assert names(team.physio, profession="doctor") == ["Ann Example"]
    assert names(team.physio, profession="massage_therapist") == ["Bob Example"]
    assert names(team.physio, profession="physiotherapist") == ["Ann Example", "Bob Example"]
    assert names(team.physio, profession="psychologist") == []
    # By the lead's clinic: Ann's lead (the physiotherapist) works at both of his clinics,
    # Bob's lead (the massage therapist) at Hillside only.
    assert names(team.physio, clinic=riverside) == ["Ann Example"]
    assert names(team.physio, clinic=hillside) == ["Ann Example", "Bob Example"]
    assert names(team.physio, clinic=hillside, profession="doctor") == ["Ann Example"]
    # The filters narrow, never widen: the doctor sees only Ann, whatever he asks.
    assert names(team.doctor, clinic=elsewhere) == []
    assert names(team.doctor, profession="massage_therapist") == []

    refused = team.physio.get("/api/v1/clinician/caseload", params={"clinic": elsewhere})
    assert refused.status_code == 422
    assert "clinic" in refused.text
    wrong = team.physio.get("/api/v1/clinician/caseload", params={"profession": "wizard"})
    assert wrong.status_code == 422
    assert wrong.json()["detail"][0]["loc"][-1] == "profession"

    # Still one statement, filters and all.
    with read_only(engine) as session:
        account = account_by_name(session, "physio")
        assert account is not None
        statements: list[str] = []

        def count(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
            statements.append(statement)

        event.listen(engine, "before_cursor_execute", count)
        try:
            rows = caseload(
                session,
                clinician_id=account.id,
                today=TODAY,
                thresholds=knowledge.thresholds,
                narrow=CaseloadFilter(profession=Profession.DOCTOR, clinic=hillside),
            )
        finally:
            event.remove(engine, "before_cursor_execute", count)
    assert [row.name for row in rows] == ["Ann Example"]
    assert len(statements) == 1


def test_the_caseload_page_filters_and_keeps_its_filters(team: Team, engine: Engine) -> None:
    join(team.physio, invite(team))
    riverside = clinic(engine, "Riverside", "physio")
    page = team.physio.get("/clinician", params={"profession": "", "clinic": ""})
    assert page.status_code == 200
    assert [row.name for row in page.context["rows"]] == ["Ann Example"]
    assert [choice.name for choice in page.context["clinics"]] == ["Riverside"]
    narrowed = team.physio.get("/clinician", params={"profession": "psychologist"})
    assert narrowed.context["rows"] == []
    assert narrowed.context["total"] == 0
    assert "matches these filters" in narrowed.text
    assert narrowed.context["filter_query"] == "profession=psychologist"
    led = team.physio.get("/clinician", params={"clinic": str(riverside)})
    assert led.context["total"] == 1
    assert team.physio.get("/clinician", params={"profession": "wizard"}).status_code == 422
    assert team.physio.get("/clinician", params={"clinic": "x"}).status_code == 422
    assert (
        team.physio.get("/clinician", params={"clinic": "99999999999999999999"}).status_code == 422
    )

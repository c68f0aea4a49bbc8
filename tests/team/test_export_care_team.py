"""Through the API: each reader's FHIR Bundle holds the notes they may read, the team and the
messages; a plan-and-progress share exports nothing; every export is audited with its format."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from backcare.audit.service import list_events
from backcare.store.db import read_only
from tests.team.conftest import Team, invite, join

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def _write(team: Team, who: TestClient, body: str, visibility: str, sign: bool = True) -> None:
    response = who.post(
        f"/api/v1/patients/{team.patient_id}/notes",
        json={"kind": "progress", "visibility": visibility, "body": body, "sign": sign},
    )
    assert response.status_code == 201, response.text


def _bundle(team: Team, who: TestClient) -> dict[str, Any]:
    response = who.get(f"/api/v1/patients/{team.patient_id}/export", params={"format": "fhir"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/fhir+json")
    found: dict[str, Any] = response.json()
    return found


def _notes(bundle: dict[str, Any]) -> set[str]:
    return {
        base64.b64decode(r["content"][0]["attachment"]["data"]).decode()
        for r in (e["resource"] for e in bundle["entry"])
        if r["resourceType"] == "DocumentReference"
    }


def _kinds(bundle: dict[str, Any]) -> list[str]:
    return [e["resource"]["resourceType"] for e in bundle["entry"]]


def test_each_reader_exports_what_they_may_read_and_a_plan_only_share_exports_nothing(
    team: Team, engine: Engine
) -> None:
    join(team.physio, invite(team))
    join(team.doctor, invite(team))
    join(team.masseur, invite(team, "plan_and_progress"))
    _write(team, team.physio, "For Ann and the team.", "team_and_person")
    _write(team, team.physio, "Physio's working note.", "author")
    _write(team, team.physio, "Physio's draft.", "team", sign=False)
    _write(team, team.doctor, "For the team.", "team")
    thread = team.person.post(
        f"/api/v1/patients/{team.patient_id}/threads",
        json={"subject": "Walking", "body": "Is walking fine?"},
    )
    assert thread.status_code == 201, thread.text

    person = _bundle(team, team.person)
    assert _notes(person) == {"For Ann and the team."}
    assert _kinds(person).count("Communication") == 1
    assert _kinds(person).count("CareTeam") == 1
    assert _notes(_bundle(team, team.physio)) == {
        "For Ann and the team.",
        "Physio's working note.",
        "Physio's draft.",
        "For the team.",
    }
    assert _notes(_bundle(team, team.doctor)) == {"For Ann and the team.", "For the team."}
    (care_team,) = (
        e["resource"] for e in person["entry"] if e["resource"]["resourceType"] == "CareTeam"
    )
    assert {p["member"]["display"] for p in care_team["participant"]} == {
        "physio",
        "doctor",
        "masseur",
    }
    # Backcare's own JSON: the person's right of access holds every note; a clinician's
    # export the notes they may read.
    doctor_json = team.doctor.get(f"/api/v1/patients/{team.patient_id}/export").json()
    assert {n["body"] for n in doctor_json["clinical_notes"]} == {
        "For Ann and the team.",
        "For the team.",
    }
    person_json = team.person.get(f"/api/v1/patients/{team.patient_id}/export").json()
    assert len(person_json["clinical_notes"]) == 4
    progress = f"/patients/{team.patient_id}/progress"
    assert "Export this record" in team.doctor.get(progress).text
    assert "Take your record with you" in team.person.get(progress).text
    assert "take-it-with-you" not in team.masseur.get(progress).text
    for format in ("fhir", "pdf", "csv", "json"):
        refused = team.masseur.get(
            f"/api/v1/patients/{team.patient_id}/export", params={"format": format}
        )
        assert refused.status_code == 403, format
    with read_only(engine) as session:
        logged = [
            (e.actor_name, e.action, e.outcome, e.detail)
            for e in list_events(session, patient_id=team.patient_id, limit=200)
        ]
    assert ("doctor", "record.export", "allowed", "export format=fhir") in logged
    assert ("masseur", "record.export", "denied", "export format=pdf") in logged

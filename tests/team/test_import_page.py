"""The import page: a clinician imports a FHIR Bundle as a new record in their care; a bad file
is refused above the form, naming the resource and field, with nothing written; a person may
not import a new record."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import Engine, func, select

from backcare.patients.models import Patient
from backcare.store.db import read_only
from tests.team.conftest import Team, invite, join

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def _patients(engine: Engine) -> int:
    with read_only(engine) as session:
        return int(session.scalar(select(func.count()).select_from(Patient)) or 0)


def test_a_clinician_imports_a_bundle_from_the_page_and_a_bad_one_is_refused(
    team: Team, engine: Engine
) -> None:
    join(team.physio, invite(team))
    bundle = team.physio.get(
        f"/api/v1/patients/{team.patient_id}/export", params={"format": "fhir"}
    ).content
    assert "Import a record (FHIR)" in team.physio.get("/clinician").text
    assert team.physio.get("/records/import").status_code == 200
    before = _patients(engine)
    made = team.physio.post(
        "/records/import",
        files={"bundle": ("ann.fhir.json", bundle, "application/fhir+json")},
        follow_redirects=False,
    )
    assert made.status_code == 303, made.text
    new_id = made.headers["location"].split("/")[2]
    assert team.physio.get(f"/patients/{new_id}/plan").status_code == 200
    assert _patients(engine) == before + 1
    spoiled = json.loads(bundle)
    spoiled["entry"][0]["resource"]["resourceType"] = "Nonsense"
    refused = team.physio.post(
        "/records/import",
        files={"bundle": ("bad.json", json.dumps(spoiled).encode(), "application/json")},
    )
    assert refused.status_code == 422
    assert "Bundle.entry[0] (Nonsense).resourceType" in refused.text
    empty = team.physio.post("/records/import", files={"bundle": ("x.json", b"", "text/plain")})
    assert empty.status_code == 422
    assert "bundle: choose the FHIR file" in empty.text
    assert _patients(engine) == before + 1


def test_a_person_may_not_import_a_new_record(team: Team) -> None:
    assert team.person.get("/records/import").status_code == 403
    refused = team.person.post(
        "/records/import", files={"bundle": ("x.json", b"{}", "application/json")}
    )
    assert refused.status_code == 403

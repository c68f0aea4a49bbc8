"""Main's new routes under the one policy and the audit log: exports in every format, FHIR
imports, the backdated assessment and the new check-in answers."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from backcare.accounts.vocabulary import Role
from backcare.audit.service import list_events, verify
from backcare.store.db import read_only
from tests.web.auth_support import Made, client_as, grant, make_account
from tests.web.conftest import ASSESSED_ON, CHRONIC

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
API = "/api/v1/patients"
FORMATS = ("json", "fhir", "csv", "pdf")
NOT_FOUND = "No record you may see has the id"


def lines(engine: Engine, patient_id: str | None) -> list[tuple[str, str, str, str]]:
    """(role, action, outcome, detail) of every audit line about the record, newest first."""
    with read_only(engine) as session:
        rows = list_events(session, patient_id=patient_id, limit=1000)
        assert verify(session).ok
    return [(row.actor_role, row.action, row.outcome, row.detail) for row in rows]


@pytest.fixture
def own(person_client: TestClient, person: Made) -> str:
    """The person's own record, assessed by them on ASSESSED_ON (the app's today is fixed in
    2024; the database's clock is not)."""
    assert person.patient_id is not None
    answer = person_client.post(
        f"{API}/{person.patient_id}/assessments",
        json=CHRONIC,
        params={"date": ASSESSED_ON.isoformat()},
    )
    assert answer.status_code == 201, answer.text
    return person.patient_id


def test_the_person_exports_their_own_record_in_every_format(
    person_client: TestClient, own: str, engine: Engine
) -> None:
    for format in FORMATS:
        response = person_client.get(f"{API}/{own}/export", params={"format": format})
        assert response.status_code == 200, (format, response.text)
    logged = lines(engine, own)
    for format in FORMATS:
        assert ("person", "record.export", "allowed", f"export format={format}") in logged


def test_a_clinician_exports_only_with_the_persons_whole_record_consent(
    app: FastAPI, own: str, engine: Engine
) -> None:
    make_account(engine, "carer", Role.CLINICIAN)
    make_account(engine, "whole", Role.CLINICIAN)
    grant(engine, "carer", own)
    grant(engine, "whole", own, whole_record=True)
    carer, whole = client_as(app, "carer"), client_as(app, "whole")
    for format in FORMATS:
        refused = carer.get(f"{API}/{own}/export", params={"format": format})
        assert refused.status_code == 403, format
        assert whole.get(f"{API}/{own}/export", params={"format": format}).status_code == 200
    # Care access still reads the record; only the export needs the whole-record consent.
    assert carer.get(f"{API}/{own}").status_code == 200
    logged = lines(engine, own)
    for format in FORMATS:
        assert ("clinician", "record.export", "denied", f"export format={format}") in logged
        assert ("clinician", "record.export", "allowed", f"export format={format}") in logged


def test_the_json_export_says_who_may_reach_the_record_and_how_far(
    person_client: TestClient, own: str, engine: Engine
) -> None:
    make_account(engine, "whole", Role.CLINICIAN)
    grant(engine, "whole", own, whole_record=True)
    document = person_client.get(f"{API}/{own}/export").json()
    (access,) = document["care_access"]
    assert (access["clinician"], access["whole_record"]) == ("whole", True)
    assert [account["username"] for account in document["accounts"]] == ["ann"]
    # The default format is named in the audit line too.
    assert ("person", "record.export", "allowed", "export format=json") in lines(engine, own)


def test_narrowing_the_consent_ends_the_export_at_once(
    app: FastAPI, own: str, engine: Engine
) -> None:
    make_account(engine, "whole", Role.CLINICIAN)
    grant(engine, "whole", own, whole_record=True)
    whole = client_as(app, "whole")
    assert whole.get(f"{API}/{own}/export").status_code == 200
    grant(engine, "whole", own, whole_record=False)
    assert whole.get(f"{API}/{own}/export").status_code == 403
    assert whole.get(f"{API}/{own}").status_code == 200


def fhir_bundle(client: TestClient, patient_id: str) -> dict[str, Any]:
    response = client.get(f"{API}/{patient_id}/export", params={"format": "fhir"})
    assert response.status_code == 200, response.text
    bundle: dict[str, Any] = response.json()
    return bundle


def test_the_person_imports_a_bundle_into_their_own_record_only(
    person_client: TestClient, own: str, engine: Engine, patient_id: str
) -> None:
    bundle = fhir_bundle(person_client, own)
    into_own = person_client.post(f"{API}/import", params={"patient_id": own}, json=bundle)
    assert into_own.status_code == 201, into_own.text
    assert into_own.json()["created"] is False
    assert (
        "person",
        "record.write",
        "allowed",
        "import of a FHIR Bundle: a new assessment",
    ) in lines(engine, own)
    # A new record is not a person's to make (they have theirs), nor someone else's record.
    assert person_client.post(f"{API}/import", json=bundle).status_code == 403
    elsewhere = person_client.post(f"{API}/import", params={"patient_id": patient_id}, json=bundle)
    assert elsewhere.status_code == 404
    assert NOT_FOUND in elsewhere.text


def test_a_clinician_imports_a_new_record_and_may_then_reach_it(
    person_client: TestClient, own: str, client: TestClient, engine: Engine
) -> None:
    bundle = fhir_bundle(person_client, own)
    # Someone else's record is not there for a clinician without care access.
    assert client.post(f"{API}/import", params={"patient_id": own}, json=bundle).status_code == 404
    created = client.post(f"{API}/import", json=bundle)
    assert created.status_code == 201, created.text
    new_id = created.json()["patient_id"]
    assert created.json()["created"] is True
    assert client.get(f"{API}/{new_id}").status_code == 200
    assert client.get(f"{API}/{new_id}/export").status_code == 403  # care, not the whole record
    logged = lines(engine, new_id)
    assert ("clinician", "record.create", "allowed", "import of a FHIR Bundle") in logged
    assert ("clinician", "access.grant", "allowed", "care access for dr-who (care)") in logged


def test_an_admin_imports_nothing(
    app: FastAPI, person_client: TestClient, own: str, engine: Engine
) -> None:
    make_account(engine, "root", Role.ADMIN)
    admin = client_as(app, "root")
    bundle = fhir_bundle(person_client, own)
    assert admin.post(f"{API}/import", json=bundle).status_code == 403
    assert admin.post(f"{API}/import", params={"patient_id": own}, json=bundle).status_code == 404


def test_a_backdated_assessment_is_logged_with_its_day(
    assessed: dict[str, Any], engine: Engine
) -> None:
    patient_id = assessed["assessment"]["patient_id"]
    detail = f"assess date={ASSESSED_ON.isoformat()}"
    assert ("clinician", "record.write", "allowed", detail) in lines(engine, patient_id)


def test_the_new_check_in_answers_are_the_records_writers_to_give(
    app: FastAPI, person_client: TestClient, own: str, engine: Engine
) -> None:
    make_account(engine, "root", Role.ADMIN)
    body = {"date": "2024-05-15", "pain_now": 5, "warnings": ["new_fall_or_injury"]}
    answer = person_client.post(f"{API}/{own}/checkins", json=body)
    assert answer.status_code == 201, answer.text
    admin = client_as(app, "root")
    admin.post(f"{API}/{own}/break-glass", json={"reason": "Found unconscious at home today"})
    assert admin.get(f"{API}/{own}/checkins").status_code == 200  # break-glass reads
    sudden = {**body, "warnings": ["sudden_severe_change", "leg_symptoms_both_legs"]}
    assert admin.post(f"{API}/{own}/checkins", json=sudden).status_code == 403
    logged = lines(engine, own)
    assert ("person", "record.write", "allowed", "add_checkin") in logged
    assert ("admin", "record.write", "denied", "add_checkin") in logged

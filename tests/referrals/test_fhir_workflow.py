"""Referrals and appointments in the FHIR export: ServiceRequests following the workflow,
Appointments, every resource checked by its model; an exported Bundle still imports."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine

from backcare.knowledge.loader import Knowledge
from tests.interop.bundles import export, import_into, resources
from tests.referrals.test_appointments_api import TOMORROW_10, act, proposed
from tests.team.conftest import Team, invite, join

REFERRAL_STATUS = "https://fhir.backcare.invalid/referral-status"


def test_the_export_carries_the_referral_workflow_and_the_appointments(
    team: Team, engine: Engine, knowledge: Knowledge
) -> None:
    join(team.physio, invite(team, "whole_record"))
    join(team.masseur, invite(team, "whole_record"))
    refs = f"/api/v1/patients/{team.patient_id}/referrals"
    made = team.physio.post(refs, json={"plan_item_id": "referral-massage-therapy"}).json()
    for step, client in (("accept", team.masseur), ("book", team.person), ("see", team.masseur)):
        assert client.post(f"{refs}/{made['id']}/steps", json={"step": step}).status_code == 200
    declined = team.person.post(refs, json={"profession": "doctor", "reason": "Review"}).json()
    counter = team.masseur.post(f"{refs}/{made['id']}/counter", json={"reason": "Back to you"})
    assert counter.status_code == 201
    booked = proposed(team, TOMORROW_10)
    act(team, booked, "accept")
    offered = proposed(team, TOMORROW_10 + dt.timedelta(days=1), TOMORROW_10 + dt.timedelta(days=2))

    bundle = export(engine, team.patient_id)
    requests = {
        ext["valueCode"]: r
        for r in resources(bundle, "ServiceRequest")
        for ext in r.get("extension", [])
        if ext["url"] == REFERRAL_STATUS
    }
    seen = next(
        r
        for r in resources(bundle, "ServiceRequest")
        if r.get("intent") == "order" and "seen" in str(r["extension"])
    )
    assert seen["status"] == "active"
    assert seen["performer"] == [{"display": "masseur (massage therapist)"}]
    assert seen["requester"] == {"display": "physio (physiotherapist)"}
    plan_item = next(
        r
        for r in resources(bundle, "ServiceRequest")
        if r.get("intent") == "proposal"
        and "extension" not in r
        and r["code"]["coding"][0]["code"] == "massage_therapy"
    )
    assert seen["basedOn"] == [{"reference": f"urn:uuid:{plan_item['id']}"}]
    assert [n["text"].split(" by ")[0] for n in seen["note"]] == [
        "requested",
        "accepted",
        "booked",
        "seen",
    ]
    back = next(
        r
        for r in resources(bundle, "ServiceRequest")
        if {"reference": f"urn:uuid:{seen['id']}"} in r.get("basedOn", [])
    )
    assert back["extension"][0]["valueCode"] == "requested"
    assert "requested" in requests
    assert declined["status"] == "requested"

    appointments = {a["identifier"][0]["value"]: a for a in resources(bundle, "Appointment")}
    assert appointments[booked["uid"]]["status"] == "booked"
    assert appointments[booked["uid"]]["start"] == "2024-05-16T10:00:00Z"
    assert appointments[offered["uid"]]["status"] == "proposed"
    assert len(appointments[offered["uid"]]["requestedPeriod"]) == 2

    result = import_into(engine, bundle, knowledge)
    assert result.patient_id != team.patient_id

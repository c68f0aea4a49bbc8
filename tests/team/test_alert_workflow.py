"""The alert workflow: open → acknowledged → resolved, every other step refused with 409."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from backcare.audit.service import list_events
from backcare.store.db import read_only, unit_of_work
from backcare.tracking.schemas import AlertCreate
from backcare.tracking.service import raise_alert
from backcare.tracking.vocabulary import AlertKind
from tests.team.conftest import Team, invite, join


def an_alert(engine: Engine, patient_id: str) -> int:
    with unit_of_work(engine) as session:
        data = AlertCreate(kind=AlertKind.severe_pain, detail={"summary": "pain 9 on 3 days"})
        return raise_alert(session, patient_id=patient_id, data=data).id


def audit_details(engine: Engine, patient_id: str) -> list[str]:
    with read_only(engine) as session:
        return [row.detail for row in list_events(session, patient_id=patient_id, limit=500)]


def test_a_team_clinician_acknowledges_then_resolves_and_the_person_sees_it(
    team: Team, engine: Engine
) -> None:
    join(team.physio, invite(team, "plan_and_progress"))
    alert = an_alert(engine, team.patient_id)
    base = f"/api/v1/patients/{team.patient_id}/alerts"
    listed = team.person.get(base).json()
    assert [(a["id"], a["status"]) for a in listed] == [(alert, "open")]
    acked = team.physio.post(f"{base}/{alert}/acknowledge", json={"note": "Calling her today"})
    assert acked.status_code == 200, acked.text
    assert acked.json()["status"] == "acknowledged"
    assert acked.json()["acknowledged_by"] == "physio"
    resolved = team.physio.post(f"{base}/{alert}/resolve", json={"reason": "Spoke; pain easing"})
    assert resolved.status_code == 200, resolved.text
    seen = team.person.get(base).json()[0]
    assert seen["status"] == "resolved"
    assert seen["resolve_reason"] == "Spoke; pain easing"
    assert seen["resolved_by"] == "physio"
    assert seen["acknowledge_note"] == "Calling her today"


@pytest.mark.parametrize(
    ("steps", "refused", "words"),
    [
        ((), "resolve", "Acknowledge this alert first"),
        (("acknowledge",), "acknowledge", "already acknowledged"),
        (("acknowledge", "resolve"), "resolve", "already resolved"),
        (("acknowledge", "resolve"), "acknowledge", "already resolved"),
    ],
)
def test_illegal_transitions_are_refused_with_a_sentence(
    team: Team, engine: Engine, steps: tuple[str, ...], refused: str, words: str
) -> None:
    join(team.physio, invite(team))
    alert = an_alert(engine, team.patient_id)
    base = f"/api/v1/patients/{team.patient_id}/alerts/{alert}"
    bodies = {"acknowledge": {}, "resolve": {"reason": "dealt with"}}
    for step in steps:
        assert team.physio.post(f"{base}/{step}", json=bodies[step]).status_code == 200
    before = team.person.get(f"/api/v1/patients/{team.patient_id}/alerts").json()
    response = team.physio.post(f"{base}/{refused}", json=bodies[refused])
    assert response.status_code == 409
    assert words in response.json()["detail"]
    assert team.person.get(f"/api/v1/patients/{team.patient_id}/alerts").json() == before


def test_only_the_team_works_alerts_and_every_step_is_audited(team: Team, engine: Engine) -> None:
    join(team.physio, invite(team))
    alert = an_alert(engine, team.patient_id)
    base = f"/api/v1/patients/{team.patient_id}/alerts/{alert}"
    assert team.masseur.post(f"{base}/acknowledge", json={}).status_code == 404
    assert team.person.post(f"{base}/acknowledge", json={}).status_code == 403
    missing = f"/api/v1/patients/{team.patient_id}/alerts/999999/acknowledge"
    assert team.physio.post(missing, json={}).status_code == 404
    assert team.physio.post(f"{base}/acknowledge", json={}).status_code == 200
    short = team.physio.post(f"{base}/resolve", json={"reason": "  "})
    assert short.status_code == 422
    assert team.physio.post(f"{base}/resolve", json={"reason": "seen in clinic"}).status_code == 200
    details = audit_details(engine, team.patient_id)
    assert f"alert {alert} acknowledged" in details
    assert f"alert {alert} resolved" in details

"""Leaving the emergency or urgent plan: "I have been seen", re-triage, a clinician's word.

SAFETY.md H-100 to H-104: never lifted while a red flag fires on the latest answers; a
clinician's confirmation records who and why; a report overtaken by newer answers is refused;
with no team the re-triage alone decides and says so; waiting for results keeps the plan.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.team.conftest import Team, invite, join
from tests.web.conftest import ASSESSED_ON, EMERGENCY

SEEN: dict[str, Any] = {
    "seen_by": "emergency_department",
    "seen_on": "2024-05-10",
    "outcome": "nothing_serious",
    "warnings": [],
}


def on_emergency_plan(team: Team) -> str:
    response = team.person.post(
        f"/api/v1/patients/{team.patient_id}/assessments",
        json=EMERGENCY,
        params={"date": "2024-05-08"},
    )
    assert response.status_code == 201, response.text
    assert level(team.person, team.patient_id) == "emergency"
    return f"/api/v1/patients/{team.patient_id}/seen-reports"


def level(client: TestClient, patient_id: str) -> str:
    plan = client.get(f"/api/v1/patients/{patient_id}/plan").json()["plan"]
    found: str = plan["triage"]["level"]
    return found


def versions(client: TestClient, patient_id: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = client.get(f"/api/v1/patients/{patient_id}/plan/versions").json()
    return found


def test_without_a_team_the_re_triage_alone_lifts_the_plan_and_says_so(team: Team) -> None:
    reports = on_emergency_plan(team)
    response = team.person.post(reports, json=SEEN)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "lifted_without_team"
    assert "No clinician confirmed this" in body["message"]
    assert level(team.person, team.patient_id) not in ("emergency", "urgent")
    latest = versions(team.person, team.patient_id)[-1]
    assert latest["created_by"] == "seen-report"
    assert latest["version"] == body["new_plan_version"]
    plan = team.person.get(f"/api/v1/patients/{team.patient_id}/plan").json()["plan"]
    assert any("No clinician confirmed this" in line for line in plan["explanation"])


def test_a_warning_sign_still_there_keeps_the_safety_plan(team: Team) -> None:
    reports = on_emergency_plan(team)
    before = versions(team.person, team.patient_id)
    response = team.person.post(reports, json=SEEN | {"warnings": ["saddle_numbness"]})
    assert response.status_code == 409
    assert "safety plan stays" in response.json()["detail"]
    assert versions(team.person, team.patient_id) == before
    assert team.person.get(reports).json() == []


def test_without_a_team_waiting_for_results_keeps_the_safety_plan(team: Team) -> None:
    reports = on_emergency_plan(team)
    response = team.person.post(reports, json=SEEN | {"outcome": "waiting_for_results"})
    assert response.status_code == 409
    assert "results" in response.json()["detail"]
    assert level(team.person, team.patient_id) == "emergency"


def test_with_a_team_a_clinician_confirms_with_a_reason(team: Team) -> None:
    join(team.physio, invite(team, "plan_and_progress"))
    reports = on_emergency_plan(team)
    made = team.person.post(reports, json=SEEN)
    assert made.status_code == 201, made.text
    assert made.json()["status"] == "waiting"
    assert level(team.person, team.patient_id) == "emergency"
    assert team.person.post(reports, json=SEEN).status_code == 409  # one waiting report
    alerts = team.physio.get(f"/api/v1/patients/{team.patient_id}/alerts").json()
    assert alerts[0]["kind"] == "clinician_review"
    assert alerts[0]["status"] == "open"
    decision = f"{reports}/{made.json()['id']}/decision"
    assert team.person.post(decision, json={"confirm": True, "reason": "me" * 2}).status_code == 403
    confirmed = team.physio.post(
        decision, json={"confirm": True, "reason": "Discharge letter: no cauda equina"}
    )
    assert confirmed.status_code == 200, confirmed.text
    body = confirmed.json()
    assert (body["status"], body["decided_by"]) == ("confirmed", "physio")
    assert body["decision_reason"] == "Discharge letter: no cauda equina"
    assert level(team.person, team.patient_id) not in ("emergency", "urgent")
    latest = versions(team.person, team.patient_id)[-1]
    assert latest["created_by"] == "seen-confirmed"
    assert "physio confirmed it" in latest["reason"]
    again = team.physio.post(decision, json={"confirm": True, "reason": "twice"})
    assert again.status_code == 409


def test_a_clinician_may_decline_and_the_plan_stays(team: Team) -> None:
    join(team.physio, invite(team))
    reports = on_emergency_plan(team)
    made = team.person.post(reports, json=SEEN | {"outcome": "waiting_for_results"})
    assert made.status_code == 201, made.text
    decision = f"{reports}/{made.json()['id']}/decision"
    declined = team.physio.post(decision, json={"confirm": False, "reason": "Wait for the MRI"})
    assert declined.json()["status"] == "declined"
    assert level(team.person, team.patient_id) == "emergency"
    assert team.physio.post(decision, json={"confirm": True, "reason": "now"}).status_code == 409
    # A new report may follow once the last one is decided.
    assert team.person.post(reports, json=SEEN).status_code == 201


def test_a_report_overtaken_by_a_new_warning_answer_cannot_be_confirmed(team: Team) -> None:
    join(team.physio, invite(team))
    reports = on_emergency_plan(team)
    made = team.person.post(reports, json=SEEN)
    checkin = team.person.post(
        f"/api/v1/patients/{team.patient_id}/checkins",
        json={"date": "2024-05-15", "pain_now": 4, "warnings": ["fever"]},
    )
    assert checkin.status_code == 201, checkin.text
    decision = f"{reports}/{made.json()['id']}/decision"
    refused = team.physio.post(decision, json={"confirm": True, "reason": "letter seen"})
    assert refused.status_code == 409
    assert "report again" in refused.json()["detail"]
    assert level(team.person, team.patient_id) == "emergency"


def test_a_red_flag_from_other_answers_is_never_lifted_even_by_a_clinician(team: Team) -> None:
    # Severe pain that nothing eases is a current sign the warning questions do not ask again
    # (a red flag set by history alone can be lifted: tests/team/test_history_red_flags.py).
    join(team.physio, invite(team))
    urgent = {"age": 45, "duration_weeks": 1, "pain_now": 8, "pain_unrelenting": True}
    response = team.person.post(
        f"/api/v1/patients/{team.patient_id}/assessments",
        json=urgent,
        params={"date": "2024-05-08"},
    )
    assert response.status_code == 201, response.text
    reports = f"/api/v1/patients/{team.patient_id}/seen-reports"
    refused = team.person.post(reports, json=SEEN)
    assert refused.status_code == 409
    assert level(team.person, team.patient_id) == "urgent"


def test_a_usual_plan_has_nothing_to_lift(team: Team) -> None:
    reports = f"/api/v1/patients/{team.patient_id}/seen-reports"
    response = team.person.post(reports, json=SEEN)
    assert response.status_code == 409
    assert "not an emergency or urgent" in response.json()["detail"]


@pytest.mark.parametrize(
    ("seen_on", "words"), [("2024-05-16", "after today"), (ASSESSED_ON.isoformat(), "before")]
)
def test_absurd_days_are_refused_naming_the_field(team: Team, seen_on: str, words: str) -> None:
    reports = on_emergency_plan(team)
    response = team.person.post(reports, json=SEEN | {"seen_on": seen_on})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail[0]["loc"][-1] == "seen_on"
    assert words in detail[0]["msg"]

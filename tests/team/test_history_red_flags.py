"""A red flag set by history alone (a past cancer, injecting drugs) does not keep a safety plan
for ever once a doctor has assessed it; a current warning sign always does (SAFETY.md H-233 to
H-235; NICE-NG234, NICE-NG59, DOWNIE-2013, YUSUF-2019)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from backcare.seen.models import AssessedHistoryFlag
from backcare.store.db import read_only
from tests.team.conftest import Team, invite, join

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
PAST_CANCER: dict[str, Any] = {
    "age": 55,
    "duration_weeks": 3,
    "pain_now": 5,
    "cancer_history": True,
}
DRUGS: dict[str, Any] = {"age": 35, "duration_weeks": 1, "pain_now": 5, "iv_drug_use": True}
SEEN: dict[str, Any] = {
    "seen_by": "gp",
    "seen_on": "2024-05-10",
    "outcome": "nothing_serious",
    "warnings": [],
}


def assess(team: Team, intake: dict[str, Any], day: str | None = None) -> None:
    """An assessment on ``day`` (None: today, the day a lifted plan was made)."""
    params = {"date": day} if day else {}
    response = team.person.post(
        f"/api/v1/patients/{team.patient_id}/assessments", json=intake, params=params
    )
    assert response.status_code == 201, response.text


def triage_of(client: TestClient, patient_id: str) -> dict[str, Any]:
    found: dict[str, Any] = client.get(f"/api/v1/patients/{patient_id}/plan").json()["plan"][
        "triage"
    ]
    return found


def reports(team: Team) -> str:
    return f"/api/v1/patients/{team.patient_id}/seen-reports"


def assessed_rows(engine: Engine) -> list[tuple[str, str, str, str]]:
    with read_only(engine) as session:
        rows = session.scalars(select(AssessedHistoryFlag)).all()
        return [(r.rule_id, r.confirmed_by, r.recorded_by, r.assessed_on.isoformat()) for r in rows]


def test_with_a_team_a_clinicians_confirmation_records_the_history_as_assessed(
    team: Team, engine: Engine
) -> None:
    join(team.physio, invite(team))
    assess(team, PAST_CANCER, "2024-05-08")
    assert triage_of(team.person, team.patient_id)["level"] == "urgent"
    made = team.person.post(reports(team), json=SEEN)
    assert made.status_code == 201, made.text
    assert made.json()["status"] == "waiting"
    assert triage_of(team.person, team.patient_id)["level"] == "urgent"  # until confirmed
    decision = f"{reports(team)}/{made.json()['id']}/decision"
    confirmed = team.physio.post(
        decision, json={"confirm": True, "reason": "GP letter: scan clear, no metastasis"}
    )
    assert confirmed.status_code == 200, confirmed.text
    after = triage_of(team.person, team.patient_id)
    assert after["level"] not in ("emergency", "urgent")
    # The history is still shown, marked as assessed, and no longer sets the level.
    (shown,) = [flag for flag in after["red_flags"] if flag["id"] == "RF-021"]
    assert shown["escalates"] is False
    assert "2024-05-10" in shown["reason"]
    assert "physio" in shown["reason"]
    assert assessed_rows(engine) == [("RF-021", "clinician", "physio", "2024-05-10")]
    latest = team.person.get(f"/api/v1/patients/{team.patient_id}/plan").json()
    assert "history in mind" in latest["reason"]


def test_a_new_warning_sign_after_the_history_was_assessed_still_escalates(
    team: Team,
) -> None:
    join(team.physio, invite(team))
    assess(team, PAST_CANCER, "2024-05-08")
    made = team.person.post(reports(team), json=SEEN).json()
    team.physio.post(
        f"{reports(team)}/{made['id']}/decision", json={"confirm": True, "reason": "scan clear"}
    )
    assert triage_of(team.person, team.patient_id)["level"] not in ("emergency", "urgent")
    checkin = team.person.post(
        f"/api/v1/patients/{team.patient_id}/checkins",
        json={"date": "2024-05-15", "pain_now": 6, "warnings": ["constant_night_pain"]},
    )
    assert checkin.status_code == 201, checkin.text
    again = triage_of(team.person, team.patient_id)
    assert again["level"] == "urgent"
    assert "RF-022" in {flag["id"] for flag in again["red_flags"] if flag["escalates"]}


def test_a_current_warning_sign_beside_the_history_is_never_lifted(team: Team) -> None:
    join(team.physio, invite(team))
    assess(team, PAST_CANCER, "2024-05-08")
    refused = team.person.post(reports(team), json=SEEN | {"warnings": ["unexplained_weight_loss"]})
    assert refused.status_code == 409
    assert "safety plan stays" in refused.json()["detail"]
    assert triage_of(team.person, team.patient_id)["level"] == "urgent"


def test_without_a_team_the_person_confirms_the_doctor_knew_of_the_history(
    team: Team, engine: Engine
) -> None:
    assess(team, DRUGS, "2024-05-08")
    assert triage_of(team.person, team.patient_id)["level"] == "urgent"
    asked = team.person.post(reports(team), json=SEEN)
    assert asked.status_code == 409
    detail = asked.json()["detail"]
    assert "New back pain with a higher risk of infection" in detail
    assert "tick" in detail
    assert assessed_rows(engine) == []
    lifted = team.person.post(reports(team), json=SEEN | {"history_assessed": True})
    assert lifted.status_code == 201, lifted.text
    assert lifted.json()["status"] == "lifted_without_team"
    assert triage_of(team.person, team.patient_id)["level"] not in ("emergency", "urgent")
    assert assessed_rows(engine) == [("RF-027", "person", "ann", "2024-05-10")]


def test_a_later_assessment_keeps_the_assessment_only_while_the_answers_are_the_same(
    team: Team,
) -> None:
    assess(team, PAST_CANCER, "2024-05-08")
    lifted = team.person.post(reports(team), json=SEEN | {"history_assessed": True})
    assert lifted.status_code == 201, lifted.text
    # The same answers again: the doctor's assessment still holds.
    assess(team, PAST_CANCER)
    same = triage_of(team.person, team.patient_id)
    assert same["level"] not in ("emergency", "urgent")
    assert "RF-021" in [f["id"] for f in same["red_flags"] if not f["escalates"]]
    # Worse pain than the doctor saw: the history counts again.
    assess(team, PAST_CANCER | {"pain_worst_week": 9})
    assert triage_of(team.person, team.patient_id)["level"] == "urgent"


def test_a_current_sign_reported_again_after_the_history_was_assessed_escalates(
    team: Team,
) -> None:
    assess(team, PAST_CANCER | {"constant_night_pain": True}, "2024-05-08")
    lifted = team.person.post(reports(team), json=SEEN | {"history_assessed": True})
    # Night pain is asked again and answered no, so only the history was left: lifted.
    assert lifted.status_code == 201, lifted.text
    assert triage_of(team.person, team.patient_id)["level"] not in ("emergency", "urgent")
    assess(team, PAST_CANCER | {"constant_night_pain": True})
    assert triage_of(team.person, team.patient_id)["level"] == "urgent"


def test_the_page_asks_a_person_without_a_team_about_the_history(team: Team) -> None:
    assess(team, PAST_CANCER, "2024-05-08")
    page = f"/patients/{team.patient_id}/seen"
    shown = team.person.get(page)
    assert shown.status_code == 200
    assert shown.context["history"] == ["History of cancer with new back pain"]
    assert 'name="history_assessed"' in shown.text
    assert "because of something in your history" in shown.text
    assert "because of a warning sign" not in shown.text
    form = {
        "seen_by": "gp",
        "seen_on": "2024-05-10",
        "outcome": "nothing_serious",
        "warnings": "none",
    }
    unticked = team.person.post(page, data=form)
    assert unticked.status_code == 409
    assert "History of cancer" in unticked.context["message"]
    assert triage_of(team.person, team.patient_id)["level"] == "urgent"
    ticked = team.person.post(page, data=form | {"history_assessed": "yes"}, follow_redirects=False)
    assert ticked.status_code == 303, ticked.text
    assert triage_of(team.person, team.patient_id)["level"] not in ("emergency", "urgent")
    assert team.person.get(page).context["history"] == []


def test_the_page_tells_the_clinician_what_confirming_records(team: Team) -> None:
    join(team.physio, invite(team))
    assess(team, PAST_CANCER, "2024-05-08")
    assert team.person.post(reports(team), json=SEEN).status_code == 201
    page = team.physio.get(f"/patients/{team.patient_id}/seen")
    assert page.context["history"] == ["History of cancer with new back pain"]
    assert "Set by history alone" in page.text
    assert 'name="history_assessed"' not in page.text

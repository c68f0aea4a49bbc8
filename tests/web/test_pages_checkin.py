"""The daily check-in page and the weekly PEG and PSFS questions."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from backcare.tracking.vocabulary import WarningSymptom
from tests.web.pages_support import context_of, template_of


def page(patient_id: str, what: str = "checkin") -> str:
    return f"/patients/{patient_id}/{what}"


def test_checkin_asks_every_warning_question(client: TestClient, patient_id: str) -> None:
    context = context_of(client.get(page(patient_id)))
    assert [code for code, _ in context["warning_questions"]] == list(WarningSymptom)


@pytest.mark.usefixtures("assessed")
def test_plain_checkin_is_saved_and_explained(client: TestClient, patient_id: str) -> None:
    form = {"date": "2024-05-15", "pain_now": "4", "sessions_done": "1", "minutes": "25"}
    response = client.post(page(patient_id), data=form)
    assert template_of(response) == "checkin_done.html"
    context = context_of(response)
    assert context["outcome"].checkin.pain_now == 4
    assert context["report"] is None


@pytest.mark.usefixtures("assessed")
def test_a_new_warning_sign_shows_the_instruction_at_once(
    client: TestClient, patient_id: str
) -> None:
    form = {"date": "2024-05-15", "pain_now": "4", "warnings": ["saddle_numbness"]}
    response = client.post(page(patient_id), data=form)
    assert template_of(response) == "instruction.html"
    assert context_of(response)["triage"].level == "emergency"
    assert template_of(client.get(page(patient_id, "plan"))) == "instruction.html"


def test_warning_before_any_plan_still_gets_advice(client: TestClient, patient_id: str) -> None:
    form = {"date": "2024-05-15", "pain_now": "4", "warnings": ["fever"]}
    context = context_of(client.post(page(patient_id), data=form))
    assert "doctor" in context["outcome"].advice


@pytest.mark.parametrize("pain", ["11", "", "a lot"])
def test_bad_pain_score_is_shown_again_with_an_error(
    client: TestClient, patient_id: str, pain: str
) -> None:
    response = client.post(page(patient_id), data={"date": "2024-05-15", "pain_now": pain})
    assert template_of(response) == "checkin.html"
    assert "pain_now" in context_of(response)["errors"]


def test_weekly_questions_store_peg_and_psfs(client: TestClient, patient_id: str) -> None:
    form = {
        "date": "2024-05-15",
        "pain": "6",
        "enjoyment": "5",
        "activity": "4",
        "activity-1": "Gardening",
        "score-1": "3",
    }
    response = client.post(page(patient_id, "weekly"), data=form, follow_redirects=False)
    assert response.status_code == 303
    measures = client.get(f"/api/v1/patients/{patient_id}/measures").json()["items"]
    assert sorted(m["kind"] for m in measures) == ["PEG", "PSFS"]
    again = context_of(client.get(page(patient_id, "weekly")))
    assert again["activities"][0] == "Gardening"


def test_weekly_without_activities_stores_peg_only(client: TestClient, patient_id: str) -> None:
    form = {"pain": "6", "enjoyment": "5", "activity": "4"}
    client.post(page(patient_id, "weekly"), data=form)
    measures = client.get(f"/api/v1/patients/{patient_id}/measures").json()["items"]
    assert [m["kind"] for m in measures] == ["PEG"]


def test_weekly_bad_score_is_shown_again(client: TestClient, patient_id: str) -> None:
    form = {"pain": "16", "enjoyment": "5", "activity": "4"}
    response = client.post(page(patient_id, "weekly"), data=form)
    assert template_of(response) == "weekly.html"
    assert context_of(response)["errors"]


@pytest.mark.usefixtures("assessed")
@pytest.mark.parametrize(
    ("day", "message"), [("2024-05-16", "after today"), ("2023-06-01", "before this person")]
)
def test_a_day_outside_the_record_is_shown_again_with_a_sentence(
    client: TestClient, patient_id: str, day: str, message: str
) -> None:
    response = client.post(page(patient_id), data={"date": day, "pain_now": "4"})
    assert template_of(response) == "checkin.html"
    assert message in context_of(response)["errors"]["date"]
    assert client.get(f"/api/v1/patients/{patient_id}/checkins").json()["items"] == []


def test_the_new_questions_are_asked_apart_from_both_legs(
    client: TestClient, patient_id: str
) -> None:
    questions = dict(context_of(client.get(page(patient_id)))["warning_questions"])
    for code in ("new_fall_or_injury", "sudden_severe_change", "unable_to_walk_or_bear_weight"):
        assert WarningSymptom(code) in questions
    assert "both legs" in questions[WarningSymptom.leg_symptoms_both_legs]
    assert "both legs" not in questions[WarningSymptom.leg_symptoms_worsening]

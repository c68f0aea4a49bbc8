"""The intake wizard: warning signs first, checked step by step, a stop page at once."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from backcare.web.intake_flow import PLEASE_ANSWER
from backcare.web.wizard import STEPS
from tests.web.wizard_walk import CALM, post_step, walk


def test_the_wizard_opens_on_the_warning_signs(client: TestClient) -> None:
    response = client.get("/start")
    context = response.context  # type: ignore[attr-defined]
    assert response.template.name == "intake_step.html"  # type: ignore[attr-defined]
    assert context["step"].warning
    assert context["number"] == 1
    assert [f.question.name for f in context["fields"]] == list(STEPS[0].fields)


def test_warning_questions_are_not_answered_for_the_person(client: TestClient) -> None:
    fields = client.get("/start").context["fields"]  # type: ignore[attr-defined]
    assert all(not f.selected for f in fields)


def test_every_warning_question_needs_an_answer(client: TestClient) -> None:
    context = post_step(client, "bladder", {}).context  # type: ignore[attr-defined]
    assert context["step"].id == "bladder"
    assert context["errors"] == {
        "bladder_bowel_change": PLEASE_ANSWER,
        "sexual_function_change": PLEASE_ANSWER,
    }


def test_all_clear_skips_the_onset_question(client: TestClient) -> None:
    context = post_step(client, "bladder", CALM["bladder"]).context  # type: ignore[attr-defined]
    assert context["step"].id == "legs"
    assert context["number"] == 2


def test_saddle_numbness_stops_at_once_with_an_emergency_instruction(
    client: TestClient,
) -> None:
    fields = {**CALM["bladder"], "numbness": ["saddle"], "bladder_bowel_change": "yes"}
    response = post_step(client, "bladder", fields)
    assert response.template.name == "instruction.html"  # type: ignore[attr-defined]
    context = response.context  # type: ignore[attr-defined]
    assert context["triage"].level == "emergency"
    assert any(flag.escalates for flag in context["triage"].red_flags)
    assert json.loads(context["continue_answers"])["numbness"] == ["saddle"]


def test_after_the_instruction_the_questions_can_go_on_without_stopping_again(
    client: TestClient,
) -> None:
    fields = {**CALM["bladder"], "numbness": ["saddle"], "bladder_bowel_change": "yes"}
    stop = post_step(client, "bladder", fields).context  # type: ignore[attr-defined]
    resumed = post_step(
        client, "bladder", {}, stop["continue_answers"], acknowledged="emergency", go="resume"
    ).context  # type: ignore[attr-defined]
    assert resumed["step"].id == "onset"
    following = post_step(
        client,
        "onset",
        {"warning_symptoms_onset": "new_or_worsening"},
        resumed["answers_json"],
        acknowledged="emergency",
    ).context  # type: ignore[attr-defined]
    assert following["step"].id == "legs"


def test_fever_after_a_spinal_procedure_is_urgent_or_worse(client: TestClient) -> None:
    fields = {**CALM["unwell"], "fever": "yes", "feels_unwell": "yes"}
    response = post_step(client, "unwell", fields)
    assert response.template.name == "instruction.html"  # type: ignore[attr-defined]
    assert response.context["triage"].level in ("emergency", "urgent")  # type: ignore[attr-defined]


def test_under_16_is_told_to_see_a_doctor(client: TestClient) -> None:
    fields = {**CALM["about"], "age": "15"}
    errors = post_step(client, "about", fields).context["errors"]  # type: ignore[attr-defined]
    assert "doctor" in errors["age"]


def test_worst_pain_below_pain_now_is_explained(client: TestClient) -> None:
    fields = {**CALM["about"], "pain_worst_week": "2"}
    errors = post_step(client, "about", fields).context["errors"]  # type: ignore[attr-defined]
    assert set(errors) == {"pain_worst_week"}


@pytest.mark.parametrize(("value", "expected"), [("200", "bigger"), ("lots", "number")])
def test_bad_numbers_get_plain_messages(client: TestClient, value: str, expected: str) -> None:
    fields = {**CALM["about"], "age": value}
    errors = post_step(client, "about", fields).context["errors"]  # type: ignore[attr-defined]
    assert expected in errors["age"]


def test_back_returns_to_the_step_before(client: TestClient) -> None:
    first = post_step(client, "bladder", CALM["bladder"]).context  # type: ignore[attr-defined]
    back = post_step(client, "legs", {}, first["answers_json"], go="back").context  # type: ignore[attr-defined]
    assert back["step"].id == "bladder"
    assert {f.question.name: f.selected for f in back["fields"]}["bladder_bowel_change"] == {"no"}


def test_unreadable_carried_answers_start_afresh(client: TestClient) -> None:
    response = post_step(client, "bladder", CALM["bladder"], answers="{not json")
    assert response.context["step"].id == "legs"  # type: ignore[attr-defined]


def test_a_man_is_not_asked_about_pregnancy(client: TestClient) -> None:
    response = walk(client, {"about": {**CALM["about"], "sex": "male"}})
    assert response.status_code == 303


def test_finishing_stores_the_patient_and_shows_the_plan(client: TestClient) -> None:
    response = walk(client)
    assert response.status_code == 303
    plan_page = client.get(response.headers["location"])
    context = plan_page.context  # type: ignore[attr-defined]
    assert plan_page.template.name == "plan.html"  # type: ignore[attr-defined]
    assert context["patient"].display_name == "Ann"
    assert context["view"].plan.triage.level == "self_care"


def test_htmx_requests_are_sent_to_the_plan_by_header(client: TestClient) -> None:
    response = walk(client, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.headers["HX-Redirect"].endswith("/plan")

"""The web wizard asks exactly the questionnaire's questions, step by step."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx2 import Response

from backcare.domain.questionnaire import SECTIONS
from backcare.domain.questions import Question
from backcare.web.intake_flow import PLEASE_ANSWER
from backcare.web.wizard import NAME, STEPS
from tests.scripted_answers import (
    MAN_WITHOUT_LEG_PAIN,
    PREGNANT_WITH_LEG_PAIN,
    form_value,
    given,
)
from tests.web.wizard_walk import post_step

BY_PATH: dict[str, Question] = {q.path: q for s in SECTIONS for q in s.questions}


def _form(names: list[str], answers: dict[str, Any]) -> dict[str, Any]:
    """What a person posts on a step to give these answers."""
    form: dict[str, Any] = {NAME: "Ann"} if NAME in names else {}
    for name in names:
        if name in BY_PATH:
            value = form_value(BY_PATH[name], given(BY_PATH[name], answers))
            if value is not None:
                form[name] = value
    return form


def walk_asking(client: TestClient, answers: dict[str, Any]) -> tuple[list[str], Response]:
    """Answer every step from ``answers``; the fields asked, in order, and the last response."""
    asked: list[str] = []
    response = client.get("/start")
    while "step" in (context := getattr(response, "context", None) or {}):
        assert not context["errors"], context["errors"]
        names = [f.question.name for f in context["fields"]]
        asked += names
        response = post_step(
            client, context["step"].id, _form(names, answers), context["answers_json"]
        )
    return asked, response


@pytest.mark.parametrize(
    "answers", [PREGNANT_WITH_LEG_PAIN, MAN_WITHOUT_LEG_PAIN], ids=["pregnant", "man"]
)
def test_the_wizard_asks_exactly_the_questions_of_the_definition(
    client: TestClient, answers: dict[str, Any]
) -> None:
    asked, response = walk_asking(client, answers)
    assert response.status_code == 303
    # A page also draws a question whose condition reads an answer on that page (weakness
    # onset under "is a leg weak"); it only needs an answer when the condition holds.
    drawn = [q.path for s in SECTIONS if s.applies(answers) for q in s.on_one_page(answers)]
    assert asked == [*drawn, NAME]


def test_the_wizard_has_one_step_per_section_then_the_name() -> None:
    assert [s.id for s in STEPS] == [*(s.id for s in SECTIONS), "name"]


def test_the_answers_given_are_stored_in_the_intake(client: TestClient) -> None:
    _, response = walk_asking(client, PREGNANT_WITH_LEG_PAIN)
    patient_id = response.headers["location"].split("/")[2]
    stored = client.get(f"/api/v1/patients/{patient_id}/assessments").json()
    intake = stored[0]["intake"]
    assert intake["age_at_onset"] == 30
    assert intake["better_with_anti_inflammatories"] is True
    assert intake["outlook"]["worry"] is True
    assert intake["preferences"]["work"] == "desk"


def test_a_required_number_left_empty_is_asked_for(client: TestClient) -> None:
    fields = {"pain_now": "5", "duration_weeks": "3"}
    errors = post_step(client, "about", fields).context["errors"]  # type: ignore[attr-defined]
    assert errors == {"age": PLEASE_ANSWER}

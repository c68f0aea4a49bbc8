"""Walking the intake wizard as a person would, one posted step at a time."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from httpx2 import Response

NO = "no"
CALM: dict[str, dict[str, Any]] = {
    "bladder": {"bladder_bowel_change": NO, "sexual_function_change": NO},
    "legs": {"leg_pain": "none", "leg_symptoms_worsening": NO, "leg_weakness": "none"},
    "unwell": {"fever": NO, "feels_unwell": NO, "cancer_history": NO},
    "injury": {
        "trauma": "none",
        "unable_to_walk_or_bear_weight": NO,
        "pain_unrelenting": NO,
        "sudden_severe_onset": NO,
        "abdominal_or_groin_pain": NO,
        "flank_pain": NO,
    },
    "about": {
        "age": "45",
        "duration_weeks": "20",
        "pain_now": "6",
        "pain_worst_week": "7",
    },
    "pregnancy": {"sex": "female", "pregnant": NO},
    "preferences": {
        "preferences.minutes_per_day": "30",
        "preferences.days_per_week": "5",
        "preferences.equipment": ["mat", "towel"],
    },
    "name": {"display_name": "Ann"},
}


def post_step(
    client: TestClient,
    step: str,
    fields: dict[str, Any],
    answers: str = "{}",
    *,
    acknowledged: str = "",
    go: str = "next",
    headers: dict[str, str] | None = None,
) -> Response:
    data = {"step": step, "answers": answers, "acknowledged": acknowledged, "go": go, **fields}
    return client.post("/start", data=data, headers=headers, follow_redirects=False)


def walk(
    client: TestClient,
    answers: dict[str, dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """Answer every step (CALM unless ``answers`` says otherwise) until the wizard ends."""
    given = {**CALM, **(answers or {})}
    response = client.get("/start")
    while "step" in (context := getattr(response, "context", None) or {}):
        assert not context["errors"], context["errors"]
        step = context["step"].id
        fields = given.get(step, {})
        response = post_step(client, step, fields, context["answers_json"], headers=headers)
    return response

"""Items a clinician added (a custom exercise, or a catalog entry) count in adherence, on the
today page and in the session like those the planner chose (SAFETY.md H-230, H-231)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from backcare.domain.plan_model import DAYS
from backcare.domain.vocabulary import EXERCISE_KINDS, Kind
from backcare.knowledge.loader import Knowledge
from tests.web.conftest import TODAY
from tests.web.test_plan_editing import edit, plan_of

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
CUSTOM = {
    "kind": "strengthen",
    "title": "Step-ups on the bottom stair",
    "summary": "Step up and down the bottom stair, holding the rail.",
    "steps": ["Hold the rail.", "Step up with one foot, then the other.", "Step down slowly."],
    "dose": "2 sets of 10",
    "minutes": 5,
    "cautions": ["Stop if your knee hurts."],
    "contraindications": [],
}
TODAY_CODE = DAYS[TODAY.weekday()]


def exercise_days(plan: dict[str, Any], knowledge: Knowledge) -> set[str]:
    """Days whose timetable holds an exercise besides the daily stretch (by catalog kind)."""
    stretch = set.intersection(*(set(plan["week"][day]) for day in DAYS))
    return {
        day
        for day in DAYS
        if any(
            item in knowledge.catalog
            and item not in stretch
            and knowledge.catalog[item].kind in EXERCISE_KINDS
            for item in plan["week"][day]
        )
    }


def clear_today(client: TestClient, patient_id: str, knowledge: Knowledge) -> None:
    """Move every exercise off today's weekday, so only an added item can make it a session."""
    plan = plan_of(client, patient_id)["plan"]
    stretch = set.intersection(*(set(plan["week"][day]) for day in DAYS))
    moves = []
    for entry in plan["items"]:
        if entry["id"] in stretch or TODAY_CODE not in entry["days"]:
            continue
        if Kind(entry["kind"]) in EXERCISE_KINDS:
            days = [day for day in entry["days"] if day != TODAY_CODE]
            moves.append({"op": "change", "item_id": entry["id"], "days": days})
    if moves:
        response = edit(client, patient_id, moves, reason="Rest day on the day of the test")
        assert response.status_code == 201, response.text
    assert TODAY_CODE not in exercise_days(plan_of(client, patient_id)["plan"], knowledge)


def planned_this_week(client: TestClient, patient_id: str) -> int:
    response = client.get(f"/api/v1/patients/{patient_id}/progress")
    assert response.status_code == 200, response.text
    planned: int = response.json()["weeks"][-1]["planned"]
    return planned


@pytest.mark.usefixtures("assessed")
def test_a_custom_exercise_makes_its_day_a_session_day_in_progress_and_on_the_today_page(
    client: TestClient, patient_id: str, knowledge: Knowledge
) -> None:
    clear_today(client, patient_id, knowledge)
    before = planned_this_week(client, patient_id)
    added = edit(
        client,
        patient_id,
        [{"op": "add_custom", "exercise": CUSTOM, "days": [TODAY_CODE]}],
        reason="Stairs are his goal",
    )
    assert added.status_code == 201, added.text
    # TODAY is a Wednesday: this week's Monday to today holds one more session day.
    assert planned_this_week(client, patient_id) == before + 1
    today = client.get(f"/patients/{patient_id}/today")
    assert today.status_code == 200
    view = today.context["view"]
    assert "custom-1" in [shown.item.id for shown in view.items]
    done_words = view.week_words
    # Logged, the custom exercise counts as the day's session like any other exercise.
    logged = client.post(
        f"/api/v1/patients/{patient_id}/sessions",
        json={"date": TODAY.isoformat(), "item_id": "custom-1", "duration_seconds": 300, "felt": 3},
    )
    assert logged.status_code == 201, logged.text
    after = client.get(f"/patients/{patient_id}/today").context["view"].week_words
    assert after != done_words
    week = client.get(f"/api/v1/patients/{patient_id}/progress").json()["weeks"][-1]
    assert week["done"] >= 1


@pytest.mark.usefixtures("assessed")
def test_a_catalog_entry_a_clinician_added_counts_and_plays_in_the_session(
    client: TestClient, patient_id: str, knowledge: Knowledge
) -> None:
    clear_today(client, patient_id, knowledge)
    before = planned_this_week(client, patient_id)
    plan = plan_of(client, patient_id)["plan"]
    present = {entry["id"] for entry in plan["items"]}
    entry_id = "strengthen-bird-dog"
    if entry_id in present:
        response = edit(client, patient_id, [{"op": "remove", "item_id": entry_id}], reason="x y")
        assert response.status_code == 201, response.text
        before = planned_this_week(client, patient_id)
    added = edit(
        client,
        patient_id,
        [{"op": "add", "item_id": entry_id, "days": [TODAY_CODE]}],
        reason="Back extensors next",
    )
    assert added.status_code == 201, added.text
    assert planned_this_week(client, patient_id) == before + 1
    session = client.get(f"/patients/{patient_id}/session")
    assert session.status_code == 200
    assert entry_id in [item.item.id for item in session.context["items"]]


@pytest.mark.usefixtures("assessed")
def test_the_session_never_plays_the_dose_a_clinician_replaced(
    client: TestClient, patient_id: str
) -> None:
    changed = edit(
        client,
        patient_id,
        [
            {
                "op": "change",
                "item_id": "strengthen-bird-dog",
                "dose": "4 each side, slowly",
                "minutes": 3,
                "days": [TODAY_CODE],
            }
        ],
        reason="Start gently after the flare",
    )
    assert changed.status_code == 201, changed.text
    session = client.get(f"/patients/{patient_id}/session")
    (played,) = [i for i in session.context["items"] if i.item.id == "strengthen-bird-dog"]
    assert played.item.dose == "4 each side, slowly"
    # Timed by the clinician's minutes, not the catalog's sets, holds and repetitions.
    assert played.seconds == 3 * 60
    assert not any("Hold" in segment.label or "set" in segment.label for segment in played.segments)

"""One session length: the plan table, the session page and the today page say the same
minutes for every day of many generated plans, as the pages render them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from backcare.domain.intake import Intake
from backcare.domain.plan.builder import SAFETY_ONLY
from backcare.domain.plan_model import DAYS
from backcare.domain.session_length import day_items, day_minutes, session_minutes
from backcare.engine import build_plan
from backcare.knowledge.loader import Knowledge
from tests.strategies import intakes
from tests.web.conftest import TODAY

PLAN_ROW = re.compile(
    r'<th scope="row">(\w+)day.*?</th>\s*<td>.*?</td>\s*<td>([\d.]+) min</td>', re.S
)
SESSION_LEAD = re.compile(r"about (\d+) minutes")


@given(intakes(warnings=False))
@settings(max_examples=200, deadline=None)
def test_a_days_minutes_are_the_sum_of_its_items_as_the_plan_was_fitted(
    knowledge: Knowledge, data: dict[str, Any]
) -> None:
    plan = build_plan(Intake.model_validate(data), knowledge)
    for day in DAYS:
        items = day_items(plan, day)
        assert [item.id for item in items] == list(plan.week.get(day, []))
        assert day_minutes(plan, day) == session_minutes(items)
        # The plan's own figure (contract 3) agrees, to the whole minute shown.
        assert abs(day_minutes(plan, day) - plan.total_minutes_per_day[day]) <= 0.5


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@given(data=intakes(warnings=False))
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_plan_table_session_and_today_pages_say_the_same_minutes(
    client: TestClient, data: dict[str, Any]
) -> None:
    patient = client.post("/api/v1/patients", json={"display_name": "Generated"}).json()["id"]
    response = client.post(f"/api/v1/patients/{patient}/assessments", json=data)
    assert response.status_code == 201, response.text
    plan = response.json()["plan_version"]["plan"]
    if plan["triage"]["level"] in {level.value for level in SAFETY_ONLY}:
        return
    table = {
        name[:3].lower(): float(minutes)
        for name, minutes in PLAN_ROW.findall(client.get(f"/patients/{patient}/plan").text)
    }
    assert set(table) == set(DAYS)
    for code in DAYS:
        if not plan["week"].get(code):
            assert table[code] == 0
            continue
        session = client.get(f"/patients/{patient}/session?day={code}").text
        said = SESSION_LEAD.search(session)
        assert said is not None
        assert float(said.group(1)) == table[code], code
    today = client.get(f"/patients/{patient}/today")
    assert today.context["view"].minutes == table[DAYS[TODAY.weekday()]]

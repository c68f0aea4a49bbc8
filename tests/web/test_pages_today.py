"""The today page: the signed-in person's home, with today's items, the next step, the
check-in, this week's sessions in words and any alert; a safety plan's instruction first."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from backcare.audit.service import list_events
from backcare.domain.plan_model import Plan
from backcare.domain.session_length import day_minutes
from backcare.store.db import read_only, unit_of_work
from backcare.tracking.schemas import AlertCreate
from backcare.tracking.service import raise_alert
from backcare.tracking.vocabulary import AlertKind
from backcare.web.today_view import ALERT_WORDS
from tests.web.auth_support import Made
from tests.web.conftest import ASSESSED_ON, CHRONIC, EMERGENCY, TODAY
from tests.web.pages_support import context_of, template_of

WEDNESDAY = "wed"  # TODAY, 15 May 2024, is a Wednesday


def today_url(patient_id: str) -> str:
    return f"/patients/{patient_id}/today"


def assess(client: TestClient, patient_id: str, intake: dict[str, Any] = CHRONIC) -> Plan:
    response = client.post(
        f"/api/v1/patients/{patient_id}/assessments",
        json=intake,
        params={"date": ASSESSED_ON.isoformat()},
    )
    assert response.status_code == 201, response.text
    return Plan.model_validate(response.json()["plan_version"]["plan"])


@pytest.fixture
def own(person: Made) -> str:
    assert person.patient_id is not None
    return person.patient_id


@pytest.fixture
def planned(person_client: TestClient, own: str) -> Plan:
    return assess(person_client, own)


def main_text(response: Any) -> str:
    """The page's main content as text, tags removed and spaces collapsed."""
    html: str = response.text
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)).strip()


def test_the_home_of_a_signed_in_person_is_their_today_page(
    person_client: TestClient, own: str
) -> None:
    response = person_client.get("/", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == today_url(own)


def test_a_clinician_keeps_the_list_of_people_as_home(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 200
    assert template_of(response) == "home.html"


def test_before_a_plan_today_offers_the_questions(person_client: TestClient, own: str) -> None:
    response = person_client.get(today_url(own))
    assert template_of(response) == "today.html"
    assert not context_of(response)["view"].has_plan
    assert 'href="/start"' in response.text
    assert "Today's check-in" not in response.text


def test_today_lists_the_days_items_with_the_same_minutes_as_plan_and_session(
    person_client: TestClient, own: str, planned: Plan
) -> None:
    view = context_of(person_client.get(today_url(own)))["view"]
    assert [t.item.id for t in view.items] == planned.week[WEDNESDAY]
    assert view.minutes == day_minutes(planned, WEDNESDAY)
    plan_week = context_of(person_client.get(f"/patients/{own}/plan"))["view"].week
    assert next(day for day in plan_week if day.today).minutes == view.minutes
    session = context_of(person_client.get(f"/patients/{own}/session"))
    assert session["minutes"] == view.minutes
    assert view.next_item is not None
    assert view.next_item.id == planned.week[WEDNESDAY][0]
    page = person_client.get(today_url(own)).text
    assert f'href="/patients/{own}/session">Start today' in page
    assert f'href="/patients/{own}/plan">Your full plan' in page


def test_a_logged_item_is_done_and_the_next_step_moves_on(
    person_client: TestClient, own: str, planned: Plan
) -> None:
    first, second = planned.week[WEDNESDAY][:2]
    log = {"date": TODAY.isoformat(), "item_id": first, "duration_seconds": 60, "felt": 6}
    assert person_client.post(f"/api/v1/patients/{own}/sessions", json=log).status_code == 201
    response = person_client.get(today_url(own))
    view = context_of(response)["view"]
    assert [t.done for t in view.items][:2] == [True, False]
    assert view.next_item.id == second
    assert "Continue today" in response.text


@pytest.mark.usefixtures("planned")
def test_the_checkin_is_a_link_until_done_then_shows_the_answer(
    person_client: TestClient, own: str
) -> None:
    before = person_client.get(today_url(own))
    assert context_of(before)["view"].checkin_pain is None
    assert "Do today's check-in" in before.text
    checkin = {"date": TODAY.isoformat(), "pain_now": 3}
    assert person_client.post(f"/api/v1/patients/{own}/checkins", json=checkin).is_success
    after = person_client.get(today_url(own))
    assert context_of(after)["view"].checkin_pain == 3
    assert "Done: pain 3 out of 10" in main_text(after)


def test_this_week_counts_sessions_against_the_persons_own_plan(
    person_client: TestClient, own: str, planned: Plan
) -> None:
    monday = TODAY - dt.timedelta(days=TODAY.weekday())
    for offset, sessions in ((0, 1), (1, 1)):
        day = (monday + dt.timedelta(days=offset)).isoformat()
        body = {"date": day, "pain_now": 3, "sessions_done": sessions}
        assert person_client.post(f"/api/v1/patients/{own}/checkins", json=body).is_success
    view = context_of(person_client.get(today_url(own)))["view"]
    planned_days = sum(1 for day in planned.week if _has_session(planned, day))
    assert view.week_words.startswith(f"2 of {planned_days} exercise sessions")


@pytest.mark.usefixtures("planned")
def test_more_sessions_than_planned_never_read_as_six_of_five(
    person_client: TestClient, own: str
) -> None:
    body = {"date": TODAY.isoformat(), "pain_now": 2, "sessions_done": 9}
    assert person_client.post(f"/api/v1/patients/{own}/checkins", json=body).is_success
    words = context_of(person_client.get(today_url(own)))["view"].week_words
    assert words.startswith("9 exercise sessions, more than the")
    assert not re.search(r"\b9 of \d", words)


def _has_session(plan: Plan, day: str) -> bool:
    from backcare.domain.adherence import schedule_of
    from backcare.engine import default_knowledge

    return day in schedule_of(plan, default_knowledge().catalog).session_days


def test_a_safety_plan_puts_the_urgent_message_first_and_alone(
    person_client: TestClient, own: str
) -> None:
    assess(person_client, own, EMERGENCY)
    response = person_client.get(today_url(own))
    view = context_of(response)["view"]
    assert view.safety is not None
    assert view.items == ()
    html = response.text
    main = html[html.index("<main") :]
    # The instruction is the first thing in the page's content, and its heading the page's h1.
    assert main.index('class="instruction') < main.index("<h2")
    assert main.count("<h1") == 1
    assert 'id="instruction-title"' in main
    assert "today's session" not in main.lower().replace("today's check-in", "")
    assert "/session" not in main


@pytest.mark.usefixtures("planned")
def test_an_open_alert_is_told_in_the_persons_words(
    person_client: TestClient, own: str, engine: Engine
) -> None:
    with unit_of_work(engine) as session:
        for _ in range(2):
            raise_alert(session, patient_id=own, data=AlertCreate(kind=AlertKind.severe_pain))
    view = context_of(person_client.get(today_url(own)))["view"]
    assert view.alerts == (ALERT_WORDS[AlertKind.severe_pain],)


def test_every_alert_kind_has_words_for_the_person() -> None:
    assert set(ALERT_WORDS) == set(AlertKind)


@pytest.mark.usefixtures("planned")
def test_today_is_read_through_the_policy_and_audited(
    person_client: TestClient, own: str, engine: Engine
) -> None:
    assert person_client.get(today_url(own)).status_code == 200
    with read_only(engine) as session:
        rows = list_events(session, patient_id=own, limit=50)
    assert any(r.action == "record.read" and r.outcome == "allowed" for r in rows)


@pytest.mark.usefixtures("planned")
def test_another_persons_today_is_not_found(client: TestClient, own: str) -> None:
    # The clinician fixture has no care access to the person's record.
    assert client.get(today_url(own)).status_code == 404
    assert client.get(today_url("0" * 32)).status_code == 404

"""The weekly page shows the review that ran on its own, without anyone running a command."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from backcare.jobs.service import run_due
from backcare.knowledge.loader import Knowledge
from tests.web.pages_support import context_of


def weekly(patient_id: str) -> str:
    return f"/patients/{patient_id}/weekly"


@pytest.mark.usefixtures("assessed")
def test_the_weekly_page_shows_the_review_that_ran_on_its_own(
    client: TestClient, patient_id: str, engine: Engine, knowledge: Knowledge
) -> None:
    assert context_of(client.get(weekly(patient_id)))["last_review"] is None
    for day in range(2, 9):
        form = {"date": f"2024-05-{day:02d}", "pain_now": "4", "sessions_done": "1"}
        client.post(f"/patients/{patient_id}/checkin", data=form)
    summary = run_due(
        engine,
        knowledge=knowledge,
        today=dt.date(2024, 5, 15),
        now=dt.datetime(2024, 5, 15, 7, tzinfo=dt.UTC),
    )
    assert [o.status for o in summary.outcomes] == ["done"]
    response = client.get(weekly(patient_id))
    shown = context_of(response)["last_review"]
    assert shown.week_ending == dt.date(2024, 5, 15)
    assert "Your weekly review" in response.text
    assert "Wednesday 15 May" in response.text
    assert shown.summary.split("\n\n")[0][:40] in response.text.replace("&#39;", "'")


@pytest.mark.usefixtures("assessed")
def test_the_check_in_that_completes_a_week_reviews_it_and_says_so_once(
    client: TestClient, patient_id: str
) -> None:
    url = f"/api/v1/patients/{patient_id}/checkins"
    earlier = client.post(url, json={"date": "2024-05-09", "pain_now": 4})
    assert earlier.json()["weekly_review"] is None  # filled in later: completes no week
    today = client.post(url, json={"date": "2024-05-15", "pain_now": 4, "sessions_done": 1})
    assert today.status_code == 201
    weekly_review = today.json()["weekly_review"]
    assert weekly_review is not None
    assert weekly_review["reviews"][-1]["kind"] == "weekly"
    shown = context_of(client.get(weekly(patient_id)))["last_review"]
    assert shown.week_ending == dt.date(2024, 5, 15)
    # The same day again (it updates the check-in): the week is reviewed already.
    form = {"date": "2024-05-15", "pain_now": "3", "sessions_done": "1"}
    page = client.post(f"/patients/{patient_id}/checkin", data=form)
    assert context_of(page)["outcome"].weekly_review is None
    assert "Your week was reviewed" not in page.text


@pytest.mark.usefixtures("assessed")
def test_the_check_in_page_says_when_it_completed_the_week(
    client: TestClient, patient_id: str
) -> None:
    form = {"date": "2024-05-15", "pain_now": "4", "sessions_done": "1"}
    page = client.post(f"/patients/{patient_id}/checkin", data=form)
    assert context_of(page)["outcome"].weekly_review is not None
    assert "Your week was reviewed" in page.text
    assert "This check-in completed a week of your plan" in page.text
    assert f'href="/patients/{patient_id}/weekly"' in page.text

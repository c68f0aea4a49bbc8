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

"""The progress page: server-drawn charts with their numbers, and the plan's history."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.web.auth_support import Made
from tests.web.conftest import ASSESSED_ON, CHRONIC
from tests.web.pages_support import context_of, template_of


def page(patient_id: str) -> str:
    return f"/patients/{patient_id}/progress"


@pytest.mark.usefixtures("assessed")
def test_progress_has_four_charts_and_the_report(client: TestClient, patient_id: str) -> None:
    for day, pain in (("2024-05-06", 6), ("2024-05-14", 3), ("2024-05-15", 3)):
        form = {"date": day, "pain_now": str(pain), "sessions_done": "1"}
        client.post(f"/patients/{patient_id}/checkin", data=form)
    context = context_of(client.get(page(patient_id)))
    assert context["report"].pain_change.meaningful is True
    assert set(context["charts"]) == {"pain", "peg", "adherence", "psfs"}
    for chart in context["charts"].values():
        assert chart.startswith("<svg")
        assert "<title" in chart
        assert "<desc" in chart


@pytest.mark.usefixtures("assessed")
def test_plan_history_says_what_changed_and_why(client: TestClient, patient_id: str) -> None:
    form = {"date": "2024-05-15", "pain_now": "8", "flare_up": "yes"}
    client.post(f"/patients/{patient_id}/checkin", data=form)
    history = context_of(client.get(page(patient_id)))["history"]
    assert [change.version.version for change in history] == [2, 1]
    newest = history[0]
    assert newest.author == "Changed after a check-in"
    assert newest.version.reason
    assert newest.added or newest.removed


def test_no_assessment_yet(client: TestClient, patient_id: str) -> None:
    assert template_of(client.get(page(patient_id))) == "no_plan.html"


def test_the_person_finds_every_export_on_the_progress_page_and_each_link_works(
    person_client: TestClient, person: Made
) -> None:
    made = person_client.post(
        f"/api/v1/patients/{person.patient_id}/assessments",
        json=CHRONIC,
        params={"date": ASSESSED_ON.isoformat()},
    )
    assert made.status_code == 201, made.text
    response = person_client.get(page(str(person.patient_id)))
    assert response.status_code == 200, response.text[:300]
    html = response.text
    links = re.findall(r'href="(/api/v1/patients/[^"]+/export\?format=(\w+))"', html)
    assert {fmt for _, fmt in links} == {"pdf", "fhir", "csv", "json"}
    types = {fmt: person_client.get(url).headers["content-type"] for url, fmt in links}
    assert types["pdf"] == "application/pdf"
    assert types["csv"].startswith("text/csv")
    assert "json" in types["fhir"]
    assert "json" in types["json"]


@pytest.mark.usefixtures("assessed")
def test_flare_ups_and_plan_changes_are_marked_and_said_in_words(
    client: TestClient, patient_id: str
) -> None:
    form = {"date": "2024-05-14", "pain_now": "8", "flare_up": "yes"}
    assert client.post(f"/patients/{patient_id}/checkin", data=form).status_code in (200, 303)
    response = client.get(page(patient_id))
    pain = str(context_of(response)["charts"]["pain"])
    assert 'class="flare"' in pain
    assert 'class="change"' in pain  # the flare-up's relief plan is a new plan version
    assert "flare-up on 14 May" in pain  # in the chart's description, for screen readers
    assert "plan changed on" in pain
    assert "flare-up on 14 May" in response.text.split("Show the numbers")[1]  # and the table


@pytest.mark.usefixtures("assessed")
def test_personal_activities_are_charted_with_their_scores(
    client: TestClient, patient_id: str
) -> None:
    for day, score in (("2024-05-02", 3), ("2024-05-09", 5)):
        value = {"kind": "PSFS", "activities": [{"activity": "Gardening", "score": score}]}
        made = client.post(
            f"/api/v1/patients/{patient_id}/measures", json={"date": day, "value": value}
        )
        assert made.status_code == 201, made.text
    response = client.get(page(patient_id))
    psfs = str(context_of(response)["charts"]["psfs"])
    assert psfs.count("<circle") == 2
    assert "No answers yet" not in psfs
    assert "<td>Gardening</td><td>5</td>" in response.text


@pytest.mark.usefixtures("assessed")
def test_the_sessions_chart_counts_weeks_against_the_plan_then_in_force(
    client: TestClient, patient_id: str
) -> None:
    # Sessions the first week, then a warning sign puts an emergency safety plan in place
    # (no exercise sessions): the first week's bar must stay, not turn into "No answers yet".
    for day in ("2024-05-06", "2024-05-08", "2024-05-10"):
        form = {"date": day, "pain_now": "4", "sessions_done": "1"}
        client.post(f"/patients/{patient_id}/checkin", data=form)
    form = {"date": "2024-05-14", "pain_now": "5", "warnings": "saddle_numbness"}
    client.post(f"/patients/{patient_id}/checkin", data=form)
    context = context_of(client.get(page(patient_id)))
    week = next(w for w in context["report"].weeks if str(w.week) == "2024-05-06")
    assert week.planned > 0
    assert week.adherence == pytest.approx(min(3 / week.planned, 1.0))
    adherence = str(context["charts"]["adherence"])
    assert 'class="bar"' in adherence
    assert "No answers yet" not in adherence
    api = client.get(f"/api/v1/patients/{patient_id}/progress").json()
    assert [w["done"] for w in api["weeks"]] == [w.done for w in context["report"].weeks]


@pytest.mark.usefixtures("assessed")
def test_answer_this_weeks_questions_goes_away_once_answered(
    client: TestClient, patient_id: str
) -> None:
    link = f'href="/patients/{patient_id}/weekly">Answer this week'
    assert link in client.get(page(patient_id)).text
    peg = {"kind": "PEG", "pain": 4, "enjoyment": 3, "activity": 3}
    made = client.post(
        f"/api/v1/patients/{patient_id}/measures", json={"date": "2024-05-13", "value": peg}
    )
    assert made.status_code == 201, made.text
    html = client.get(page(patient_id)).text
    assert link not in html
    assert "You have answered this week's questions" in html

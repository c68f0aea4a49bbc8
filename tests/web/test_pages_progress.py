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
def test_progress_has_three_charts_and_the_report(client: TestClient, patient_id: str) -> None:
    for day, pain in (("2024-05-06", 6), ("2024-05-14", 3), ("2024-05-15", 3)):
        form = {"date": day, "pain_now": str(pain), "sessions_done": "1"}
        client.post(f"/patients/{patient_id}/checkin", data=form)
    context = context_of(client.get(page(patient_id)))
    assert context["report"].pain_change.meaningful is True
    assert set(context["charts"]) == {"pain", "peg", "adherence"}
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

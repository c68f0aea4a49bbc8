"""The case-review pages: open a meeting, add a person, record a decision, keep minutes,
close; the person's page of decisions; forged and bad forms."""

from __future__ import annotations

from sqlalchemy import Engine

from tests.team.conftest import Team, invite, join
from tests.team.test_case_review import CLINIC, make_clinic
from tests.web.conftest import TODAY


def open_by_form(team: Team, **fields: str) -> str:
    data = {"held_on": TODAY.isoformat(), **fields}
    response = team.physio.post("/case-reviews", data=data, follow_redirects=False)
    assert response.status_code == 303, response.text
    location: str = response.headers["location"]
    return location


def test_a_case_review_runs_from_the_pages_and_its_decision_reaches_the_person(
    team: Team, engine: Engine
) -> None:
    make_clinic(engine, "physio")
    join(team.physio, invite(team))
    listed = team.physio.get("/case-reviews")
    assert listed.status_code == 200
    assert listed.context["clinics"] == [CLINIC]
    meeting = open_by_form(team, scope="clinic", clinic=CLINIC)
    page = team.physio.get(meeting)
    assert page.context["meeting"].agenda == []
    assert [name for _, name in page.context["people"]] == ["Ann Example"]
    added = team.physio.post(
        f"{meeting}/agenda", data={"patient_id": team.patient_id}, follow_redirects=False
    )
    assert added.status_code == 303
    [entry] = team.physio.get(meeting).context["meeting"].agenda
    assert entry.added_by == "physio"

    summary = f"{meeting}/people/{team.patient_id}"
    assert team.physio.get(summary).context["s"].name == "Ann Example"
    bad = team.physio.post(
        f"{summary}/decisions", data={"text": "Walk daily", "owner": "person", "due_on": ""}
    )
    assert bad.status_code == 422
    assert "due_on" in bad.context["message"]
    assert bad.context["values"]["text"] == "Walk daily"
    good = team.physio.post(
        f"{summary}/decisions",
        data={"text": "Walk daily", "owner": "person", "due_on": "2024-05-22"},
        follow_redirects=False,
    )
    assert good.status_code == 303

    minutes = team.physio.post(f"{meeting}/minutes", data={"minutes": "Ann: walk daily."})
    assert minutes.status_code == 200  # followed to the meeting page
    assert team.physio.post(f"{meeting}/close").status_code == 200
    again = team.physio.post(f"{meeting}/minutes", data={"minutes": "changed"})
    assert again.status_code == 409
    assert "closed" in again.context["message"]

    mine = team.person.get(f"/patients/{team.patient_id}/case-decisions")
    assert mine.status_code == 200
    assert [d.text for d in mine.context["decisions"]] == ["Walk daily"]
    assert 'href="/urgent-help"' in mine.text  # a decision is never a reason to wait
    assert team.person.get("/case-reviews").status_code == 403


def test_a_forged_case_review_form_is_refused(team: Team, engine: Engine) -> None:
    make_clinic(engine, "physio")
    team.physio.headers.pop("X-CSRF-Token")
    forged = team.physio.post(
        "/case-reviews", data={"held_on": TODAY.isoformat(), "scope": "clinic", "clinic": CLINIC}
    )
    assert forged.status_code == 403
    assert team.physio.get("/case-reviews").context["meetings"] == []


def test_a_meeting_form_without_a_day_says_so(team: Team, engine: Engine) -> None:
    make_clinic(engine, "physio")
    response = team.physio.post("/case-reviews", data={"scope": "clinic", "clinic": CLINIC})
    assert response.status_code == 422
    assert "held_on" in response.context["message"]

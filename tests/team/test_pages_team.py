"""The pages of the care team, as a browser uses them: invite → redeem → accept → revoke,
alerts worked from their page, "I have been seen", the caseload and clinics."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from backcare.accounts.vocabulary import Role
from backcare.store.db import unit_of_work
from backcare.tracking.schemas import AlertCreate
from backcare.tracking.service import raise_alert
from backcare.tracking.vocabulary import AlertKind
from tests.team.conftest import Team, invite, join
from tests.web.auth_support import make_account, sign_in
from tests.web.conftest import EMERGENCY

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def test_invite_redeem_accept_then_revoke_in_the_browser(team: Team) -> None:
    page = f"/patients/{team.patient_id}/team"
    assert team.person.get(page).status_code == 200
    made = team.person.post(f"{page}/invites", data={"share": "plan_and_progress"})
    assert made.status_code == 200, made.text
    created = made.context["created"]
    assert created.code in made.text
    link = team.physio.get(created.link)
    assert link.status_code == 200
    assert link.context["code"] == created.code
    preview = team.physio.post("/team/join", data={"code": created.code})
    assert preview.status_code == 200
    assert "Ann Example" in preview.text
    assert "Your plan and your progress only" in preview.text
    accepted = team.physio.post(
        "/team/join/answer", data={"code": created.code, "answer": "accept"}, follow_redirects=False
    )
    assert accepted.status_code == 303
    assert accepted.headers["location"] == page
    assert team.physio.get(f"/patients/{team.patient_id}/plan").status_code == 200
    assert team.physio.get(f"/patients/{team.patient_id}/checkin").status_code == 403
    shown = team.person.get(page)
    assert "physio" in shown.text
    assert "Lead" in shown.text
    again = team.masseur.post("/team/join/answer", data={"code": created.code, "answer": "accept"})
    assert again.status_code == 409
    assert "each code works once" in again.text
    revoked = team.person.post(f"{page}/members/physio/revoke", follow_redirects=False)
    assert revoked.status_code == 303
    assert team.physio.get(f"/patients/{team.patient_id}/plan").status_code == 404
    assert "Ann Example" not in team.physio.get("/clinician").text


def test_a_forged_cross_site_form_cannot_revoke(team: Team, app: FastAPI) -> None:
    join(team.physio, invite(team))
    forged = TestClient(app)
    sign_in(forged, "ann")
    forged.headers.pop("X-CSRF-Token")
    response = forged.post(
        f"/patients/{team.patient_id}/team/members/physio/revoke",
        headers={"Origin": "https://evil.example"},
        follow_redirects=False,
    )
    assert response.status_code == 403
    assert team.physio.get(f"/patients/{team.patient_id}/plan").status_code == 200


def test_a_wrong_code_on_the_join_page_is_shown_with_a_sentence(team: Team) -> None:
    response = team.physio.post("/team/join", data={"code": "NOPE1-NOPE2"})
    assert response.status_code == 404
    assert "no invitation has this code" in response.text


def test_a_bad_share_re_renders_the_form_naming_the_field(team: Team) -> None:
    response = team.person.post(
        f"/patients/{team.patient_id}/team/invites", data={"share": "everything"}
    )
    assert response.status_code == 422
    assert "share: choose what you share" in response.text


def test_alerts_are_worked_from_their_page_and_illegal_steps_explained(
    team: Team, engine: Engine
) -> None:
    join(team.physio, invite(team))
    with unit_of_work(engine) as session:
        data = AlertCreate(kind=AlertKind.pain_worsening, detail={})
        alert = raise_alert(session, patient_id=team.patient_id, data=data).id
    page = f"/patients/{team.patient_id}/alerts"
    assert "Waiting for the team" in team.person.get(page).text
    early = team.physio.post(f"{page}/{alert}/resolve", data={"reason": "done"})
    assert early.status_code == 409
    assert "Acknowledge this alert first" in early.text
    team.physio.post(f"{page}/{alert}/acknowledge", data={"note": "Looking"})
    assert "Being looked at" in team.person.get(page).text
    team.physio.post(f"{page}/{alert}/resolve", data={"reason": "Plan stepped down"})
    shown = team.person.get(page).text
    assert "Dealt with" in shown
    assert "Plan stepped down" in shown


def test_seen_page_asks_every_warning_question_and_lifts_without_a_team(team: Team) -> None:
    team.person.post(
        f"/api/v1/patients/{team.patient_id}/assessments",
        json=EMERGENCY,
        params={"date": "2024-05-08"},
    )
    page = f"/patients/{team.patient_id}/seen"
    # The safety plan itself shows the way out.
    assert f'href="{page}"' in team.person.get(f"/patients/{team.patient_id}/plan").text
    assert "Tell my care team" in team.person.get(page).text
    form = {"seen_by": "gp", "seen_on": "2024-05-14", "outcome": "nothing_serious"}
    unanswered = team.person.post(page, data=form)
    assert unanswered.status_code == 422
    assert "None of these" in unanswered.text
    lifted = team.person.post(page, data=form | {"warnings": "none"}, follow_redirects=False)
    assert lifted.status_code == 303
    assert "No clinician confirmed this" in team.person.get(page).text
    plan = team.person.get(f"/api/v1/patients/{team.patient_id}/plan").json()["plan"]
    assert plan["triage"]["level"] not in ("emergency", "urgent")


def test_the_caseload_lists_alerts_first(team: Team, engine: Engine) -> None:
    other = make_account(engine, "zed", Role.PERSON, display_name="Aaron Quiet")
    assert other.patient_id
    join(team.physio, invite(team))
    zed = TestClient(team.person.app)
    sign_in(zed, "zed")
    code = zed.post(
        f"/api/v1/patients/{other.patient_id}/team/invites", json={"share": "whole_record"}
    ).json()["code"]
    join(team.physio, code)
    with unit_of_work(engine) as session:
        data = AlertCreate(kind=AlertKind.severe_pain, detail={})
        raise_alert(session, patient_id=team.patient_id, data=data)
    rows = team.physio.get("/api/v1/clinician/caseload").json()
    assert [(r["name"], r["open_alerts"]) for r in rows] == [("Ann Example", 1), ("Aaron Quiet", 0)]
    page = team.physio.get("/clinician")
    assert page.status_code == 200
    assert page.text.index("Ann Example") < page.text.index("Aaron Quiet")
    assert "1 alert not resolved" in page.text
    assert team.person.get("/clinician").status_code == 403


def test_an_admin_creates_a_clinic_and_the_team_page_names_it(
    team: Team, engine: Engine, app: FastAPI
) -> None:
    make_account(engine, "root", Role.ADMIN)
    admin = TestClient(app)
    sign_in(admin, "root")
    assert admin.post("/admin/clinics", data={"name": "Riverside"}).status_code == 200
    dup = admin.post("/admin/clinics", data={"name": "Riverside"})
    assert dup.status_code == 409
    added = admin.post(
        "/admin/clinics/members", data={"clinic": "Riverside", "clinician": "physio"}
    )
    assert added.status_code == 200
    assert "Riverside: physio" in admin.get("/admin/clinics").text.replace("</strong>", "")
    join(team.physio, invite(team))
    assert "Riverside" in team.person.get(f"/patients/{team.patient_id}/team").text

"""A person's consent: invitations, what is shared, the team, revoking at once, the lead."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select

from backcare.store.db import read_only
from backcare.team.models import TeamInvite
from tests.team.conftest import Team, invite, join
from tests.web.auth_support import Clock, sign_in

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def team_of(team: Team) -> dict[str, object]:
    response = team.person.get(f"/api/v1/patients/{team.patient_id}/team")
    assert response.status_code == 200, response.text
    found: dict[str, object] = response.json()
    return found


def test_an_accepted_invitation_lets_the_clinician_in_and_revoking_ends_it_at_once(
    team: Team,
) -> None:
    plan = f"/api/v1/patients/{team.patient_id}/plan"
    assert team.physio.get(plan).status_code == 404
    answered = join(team.physio, invite(team))
    assert answered == {
        "patient_id": team.patient_id,
        "status": "accepted",
        "share": "whole_record",
        "lead": True,
    }
    assert team.physio.get(plan).status_code == 200
    assert team.physio.get(f"/api/v1/patients/{team.patient_id}/export").status_code == 200
    members = team_of(team)["members"]
    assert isinstance(members, list)
    assert [(m["clinician"], m["profession"], m["share"], m["lead"]) for m in members] == [
        ("physio", "physiotherapist", "whole_record", True)
    ]
    revoked = team.person.delete(f"/api/v1/patients/{team.patient_id}/team/members/physio")
    assert revoked.status_code == 200, revoked.text
    assert revoked.json()["members"] == []
    # The very next request is refused, as for a record they never had.
    assert team.physio.get(plan).status_code == 404
    assert team.physio.get("/api/v1/clinician/caseload").json() == []


def test_only_the_hash_of_a_code_is_stored(team: Team, engine: Engine) -> None:
    code = invite(team)
    with read_only(engine) as session:
        stored = session.scalars(select(TeamInvite.code_hash)).one()
    assert code not in stored
    assert code.replace("-", "") not in stored
    assert len(stored) == 64


def test_plan_and_progress_only_really_restricts(team: Team) -> None:
    join(team.masseur, invite(team, "plan_and_progress"))
    record = f"/api/v1/patients/{team.patient_id}"
    for allowed in ("/plan", "/plan/versions", "/progress", "/alerts", "/seen-reports", "/team"):
        assert team.masseur.get(record + allowed).status_code == 200, allowed
    for refused in ("", "/assessments", "/checkins", "/sessions", "/measures", "/export"):
        assert team.masseur.get(record + refused).status_code == 403, refused
    assert team.masseur.post(f"{record}/checkins", json={"date": "2024-05-15", "pain_now": 3})
    assert (
        team.masseur.post(f"{record}/checkins", json={"date": "2024-05-15", "pain_now": 3})
    ).status_code == 403
    assert team.masseur.get(f"/patients/{team.patient_id}/plan").status_code == 200
    assert team.masseur.get(f"/patients/{team.patient_id}/checkin").status_code == 403


def test_a_code_works_once(team: Team) -> None:
    code = invite(team)
    join(team.physio, code, accept=False)
    again = team.masseur.post("/api/v1/team/invites/answer", json={"code": code, "accept": True})
    assert again.status_code == 409
    assert "already declined" in again.json()["detail"]
    assert team.masseur.get(f"/api/v1/patients/{team.patient_id}/plan").status_code == 404


def test_a_code_expires_after_a_week(team: Team, clock: Clock) -> None:
    code = invite(team)
    clock.advance(days=7, seconds=1)
    sign_in(team.physio, "physio")  # the sign-ins of a week ago have ended too
    sign_in(team.person, "ann")
    late = team.physio.post("/api/v1/team/invites/answer", json={"code": code, "accept": True})
    assert late.status_code == 409
    assert "expired" in late.json()["detail"]
    invites = team_of(team)["invites"]
    assert isinstance(invites, list)
    assert invites[0]["status"] == "expired"


def test_a_withdrawn_code_cannot_be_used_and_withdrawing_twice_is_refused(team: Team) -> None:
    code = invite(team)
    invites = team_of(team)["invites"]
    assert isinstance(invites, list)
    withdraw = f"/api/v1/patients/{team.patient_id}/team/invites/{invites[0]['id']}/withdraw"
    assert team.person.post(withdraw).status_code == 200
    assert team.person.post(withdraw).status_code == 409
    used = team.physio.post("/api/v1/team/invites/answer", json={"code": code, "accept": True})
    assert used.status_code == 409
    assert "withdrew" in used.json()["detail"]


def test_an_unknown_code_is_not_found_and_a_person_cannot_redeem(team: Team) -> None:
    unknown = team.physio.post(
        "/api/v1/team/invites/answer", json={"code": "AAAAA-BBBBB", "accept": True}
    )
    assert unknown.status_code == 404
    code = invite(team)
    own = team.person.post("/api/v1/team/invites/answer", json={"code": code, "accept": True})
    assert own.status_code == 403


def test_the_preview_shows_who_invites_and_what_is_shared(team: Team) -> None:
    code = invite(team, "plan_and_progress")
    typed = code.lower().replace("-", " ")
    response = team.physio.post("/api/v1/team/invites/preview", json={"code": typed})
    assert response.status_code == 200, response.text
    assert response.json()["person"] == "Ann Example"
    assert response.json()["share"] == "plan_and_progress"


def test_the_lead_is_the_first_to_accept_and_passes_on_when_they_leave(team: Team) -> None:
    assert join(team.physio, invite(team))["lead"] is True
    assert join(team.masseur, invite(team, "plan_and_progress"))["lead"] is False
    team.person.delete(f"/api/v1/patients/{team.patient_id}/team/members/physio")
    members = team_of(team)["members"]
    assert isinstance(members, list)
    assert [(m["clinician"], m["lead"]) for m in members] == [("masseur", True)]


def test_the_lead_changes_hands_only_when_the_other_clinician_accepts(team: Team) -> None:
    join(team.physio, invite(team))
    join(team.masseur, invite(team))
    handovers = f"/api/v1/patients/{team.patient_id}/team/handovers"
    # Only the lead (or the person) offers it.
    assert team.masseur.post(handovers, json={"clinician": "masseur"}).status_code == 409
    offered = team.physio.post(handovers, json={"clinician": "masseur"})
    assert offered.status_code == 201, offered.text
    answer = f"{handovers}/{offered.json()['id']}/answer"
    assert team.physio.post(answer, json={"accept": True}).status_code == 404  # not theirs
    assert team.masseur.post(answer, json={"accept": False}).status_code == 200
    assert team.masseur.post(answer, json={"accept": True}).status_code == 409  # answered
    seen = team_of(team)
    handover_rows = seen["handovers"]
    assert isinstance(handover_rows, list)
    assert handover_rows[0]["status"] == "declined"
    again = team.person.post(handovers, json={"clinician": "masseur"})
    assert again.status_code == 201
    accepted = team.masseur.post(f"{handovers}/{again.json()['id']}/answer", json={"accept": True})
    assert accepted.json()["status"] == "accepted"
    members = team_of(team)["members"]
    assert isinstance(members, list)
    assert {m["clinician"]: m["lead"] for m in members} == {"physio": False, "masseur": True}


def test_the_lead_cannot_be_offered_to_someone_outside_the_team(team: Team) -> None:
    join(team.physio, invite(team))
    handovers = f"/api/v1/patients/{team.patient_id}/team/handovers"
    assert team.person.post(handovers, json={"clinician": "doctor"}).status_code == 404
    assert team.person.post(handovers, json={"clinician": "physio"}).status_code == 409


def test_bad_input_names_the_field(team: Team) -> None:
    bad = team.person.post(
        f"/api/v1/patients/{team.patient_id}/team/invites", json={"share": "everything"}
    )
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"][-1] == "share"
    blank = team.physio.post("/api/v1/team/invites/answer", json={"code": "--", "accept": True})
    assert blank.status_code == 422

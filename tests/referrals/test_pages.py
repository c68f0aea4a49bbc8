"""The referral and appointment pages: what each reader sees and can do, through real forms."""

from __future__ import annotations

import datetime as dt

from tests.team.conftest import START, Team, invite, join


def test_the_person_refers_from_the_plan_and_the_clinician_accepts_on_the_page(team: Team) -> None:
    join(team.physio, invite(team, "whole_record"))
    page = f"/patients/{team.patient_id}/referrals"
    shown = team.person.get(page)
    assert shown.status_code == 200
    assert any(i["id"] == "referral-physiotherapy" for i in shown.context["plan_items"])
    made = team.person.post(page, data={"plan_item_id": "referral-physiotherapy"})
    assert made.status_code in (200, 303)
    (referral,) = team.physio.get(page).context["referrals"]
    assert [s.value for s in referral.steps] == ["accept", "decline"]
    refused = team.physio.post(f"{page}/{referral.id}/steps", data={"step": "book"})
    assert refused.status_code == 409
    assert "this referral is requested" in refused.context["problems"][0]
    accepted = team.physio.post(f"{page}/{referral.id}/steps", data={"step": "accept"})
    assert accepted.status_code in (200, 303)
    opened = team.person.get(f"{page}/open")
    assert [r.status.value for r in opened.context["referrals"]] == ["accepted"]


def test_bad_referral_forms_re_render_naming_the_field(team: Team) -> None:
    page = f"/patients/{team.patient_id}/referrals"
    response = team.person.post(page, data={"profession": "doctor", "reason": ""})
    assert response.status_code == 422
    assert any("reason" in p for p in response.context["problems"])


def test_a_clinician_proposes_on_the_page_in_the_persons_time_zone_and_the_person_chooses(
    team: Team,
) -> None:
    join(team.physio, invite(team, "plan_and_progress"))
    team.person.post(
        "/account/calendar", data={"time": "08:00", "days": ["mon"], "time_zone": "Europe/Paris"}
    )
    page = f"/patients/{team.patient_id}/appointments"
    proposed = team.physio.post(
        page,
        data={
            "when_1": "2024-05-16T10:00",
            "when_2": "2024-05-17T10:00",
            "minutes": "45",
            "mode": "in_person",
            "place": "Riverside Clinic",
        },
    )
    assert proposed.status_code in (200, 303), proposed.text
    (made,) = team.person.get(page).context["appointments"]
    assert made.time_zone == "Europe/Paris"
    assert made.times[0].starts_at == dt.datetime(2024, 5, 16, 8, 0, tzinfo=dt.UTC)
    chosen = team.person.post(f"{page}/{made.id}/accept", data={"time_id": str(made.times[1].id)})
    assert chosen.status_code in (200, 303)
    upcoming = team.person.get(f"{page}/upcoming").context["appointments"]
    assert [a.status.value for a in upcoming] == ["accepted"]
    team_page = team.person.get(f"/patients/{team.patient_id}/team")
    assert f"/patients/{team.patient_id}/appointments/upcoming" in team_page.text


def test_a_clash_on_the_page_says_which_appointment(team: Team) -> None:
    join(team.physio, invite(team))
    page = f"/patients/{team.patient_id}/appointments"
    form = {"when_1": "2024-05-16T10:00", "minutes": "60", "mode": "in_person", "place": "Room"}
    assert team.physio.post(page, data=form).status_code in (200, 303)
    clash = team.physio.post(page, data={**form, "when_1": "2024-05-16T10:30"})
    assert clash.status_code == 409
    assert "clashes with your proposed appointment" in clash.context["problems"][0]
    absurd = team.physio.post(page, data={**form, "when_1": "0001-01-01T10:00"})
    assert absurd.status_code == 422
    assert START.year == 2024

"""Referral workflow through the API: every step, every illegal one, who may take each."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine

from backcare.access.actors import operator
from backcare.audit.service import list_events
from backcare.domain.referral_flow import TRANSITIONS, ReferralStatus, ReferralStep
from backcare.store.db import read_only, unit_of_work
from backcare.store.types import utcnow
from backcare.team.clinics import add_clinician, create_clinic
from backcare.team.schemas import ClinicCreate
from tests.team.conftest import Team, invite, join
from tests.web.conftest import EMERGENCY

PATH_TO = {
    ReferralStatus.REQUESTED: [],
    ReferralStatus.ACCEPTED: ["accept"],
    ReferralStatus.DECLINED: ["decline"],
    ReferralStatus.BOOKED: ["accept", "book"],
    ReferralStatus.SEEN: ["accept", "book", "see"],
    ReferralStatus.CLOSED: ["accept", "book", "see", "close"],
}


def base(team: Team) -> str:
    return f"/api/v1/patients/{team.patient_id}/referrals"


def whole_team(team: Team) -> None:
    join(team.physio, invite(team, "whole_record"))
    join(team.masseur, invite(team, "whole_record"))
    join(team.doctor, invite(team, "plan_and_progress"))


def refer_to_massage(team: Team) -> dict[str, Any]:
    response = team.physio.post(base(team), json={"plan_item_id": "referral-massage-therapy"})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def step(team: Team, referral: int, name: str, note: str | None = None) -> Any:
    """Take a step as the party the table gives it to (the masseur receives; the person books;
    the physiotherapist, who referred, closes)."""
    client = {"book": team.person, "close": team.physio}.get(name, team.masseur)
    body = {"step": name} if note is None else {"step": name, "note": note}
    return client.post(f"{base(team)}/{referral}/steps", json=body)


def test_a_referral_from_the_plan_runs_its_whole_course_with_who_and_when(team: Team) -> None:
    whole_team(team)
    made = refer_to_massage(team)
    assert made["status"] == "requested"
    assert made["profession"] == "massage_therapist"
    assert made["plan_item_id"] == "referral-massage-therapy"
    assert made["plan_version"] == 1
    assert made["referred_by"] == "physio"
    assert made["referred_by_profession"] == "physiotherapist"
    assert made["steps"] == []  # the referrer does not answer their own referral
    for name, status in (
        ("accept", "accepted"),
        ("book", "booked"),
        ("see", "seen"),
        ("close", "closed"),
    ):
        response = step(team, made["id"], name, note=f"{name} done")
        assert response.status_code == 200, response.text
        assert response.json()["status"] == status
    seen = team.person.get(f"{base(team)}/{made['id']}").json()
    assert seen["to_clinician"] == "masseur"
    history = [(e["status"], e["actor_name"], e["actor_profession"]) for e in seen["events"]]
    assert history == [
        ("requested", "physio", "physiotherapist"),
        ("accepted", "masseur", "massage_therapist"),
        ("booked", "ann", None),
        ("seen", "masseur", "massage_therapist"),
        ("closed", "physio", "physiotherapist"),
    ]
    assert all(event["at"] for event in seen["events"])


def test_a_counter_referral_goes_back_to_the_referring_clinician_linked_to_the_first(
    team: Team,
) -> None:
    whole_team(team)
    first = refer_to_massage(team)["id"]
    for name in ("accept", "book", "see"):
        assert step(team, first, name).status_code == 200
    too_soon = refer_to_massage(team)["id"]
    early = team.masseur.post(f"{base(team)}/{too_soon}/counter", json={"reason": "x"})
    assert early.status_code == 409
    assert "requested" in early.json()["detail"]
    assert (
        team.physio.post(f"{base(team)}/{first}/counter", json={"reason": "me"}).status_code == 403
    )
    counter = team.masseur.post(
        f"{base(team)}/{first}/counter", json={"reason": "Tight hips eased; back to you"}
    )
    assert counter.status_code == 201, counter.text
    back = counter.json()
    assert back["counter_to"] == first
    assert back["profession"] == "physiotherapist"
    assert back["to_clinician"] == "physio"
    assert back["referred_by"] == "masseur"
    again = team.masseur.post(f"{base(team)}/{first}/counter", json={"reason": "again"})
    assert again.status_code == 409
    accepted = team.physio.post(f"{base(team)}/{back['id']}/steps", json={"step": "accept"})
    assert accepted.status_code == 200, accepted.text
    assert team.person.get(f"{base(team)}/{first}").json()["counter_referrals"] == [back["id"]]


ILLEGAL = [
    (status, step_)
    for status in ReferralStatus
    for step_ in ReferralStep
    if (status, step_) not in TRANSITIONS
]


@pytest.mark.parametrize(("status", "refused"), ILLEGAL)
def test_every_illegal_step_is_409_naming_the_current_status_and_changes_nothing(
    team: Team, status: ReferralStatus, refused: ReferralStep
) -> None:
    whole_team(team)
    made = refer_to_massage(team)["id"]
    for name in PATH_TO[status]:
        assert step(team, made, name, note="reason given").status_code == 200
    before = team.person.get(f"{base(team)}/{made}").json()
    response = step(team, made, refused.value, note="reason given")
    assert response.status_code == 409, response.text
    assert f"this referral is {status.value}" in response.json()["detail"]
    assert team.person.get(f"{base(team)}/{made}").json() == before


def test_only_the_party_a_step_belongs_to_may_take_it(team: Team) -> None:
    whole_team(team)
    made = refer_to_massage(team)["id"]
    url = f"{base(team)}/{made}/steps"
    assert team.physio.post(url, json={"step": "accept"}).status_code == 403  # the referrer
    assert team.person.post(url, json={"step": "accept"}).status_code == 403
    assert team.doctor.post(url, json={"step": "accept"}).status_code == 403  # not a masseur
    assert team.masseur.post(url, json={"step": "accept"}).status_code == 200
    assert team.physio.post(url, json={"step": "book"}).status_code == 403


def test_a_decline_needs_a_reason_and_keeps_it(team: Team) -> None:
    whole_team(team)
    made = refer_to_massage(team)["id"]
    url = f"{base(team)}/{made}/steps"
    assert team.masseur.post(url, json={"step": "decline"}).status_code == 422
    declined = team.masseur.post(url, json={"step": "decline", "note": "Not taking new people"})
    assert declined.status_code == 200
    assert declined.json()["status"] == "declined"
    assert declined.json()["events"][-1]["note"] == "Not taking new people"


def test_a_named_clinician_alone_receives_and_must_be_in_the_team(team: Team) -> None:
    whole_team(team)
    outside = team.physio.post(
        base(team), json={"profession": "doctor", "to_clinician": "nobody", "reason": "r"}
    )
    assert outside.status_code == 422
    assert "to_clinician" in outside.text
    wrong = team.physio.post(
        base(team), json={"profession": "doctor", "to_clinician": "masseur", "reason": "r"}
    )
    assert wrong.status_code == 422
    named = team.physio.post(base(team), json={"to_clinician": "doctor", "reason": "Review"})
    assert named.status_code == 201, named.text
    assert named.json()["profession"] == "doctor"
    url = f"{base(team)}/{named.json()['id']}/steps"
    assert team.doctor.post(url, json={"step": "accept"}).status_code == 200


def test_a_plan_only_clinician_reads_and_answers_referrals_but_does_not_refer(team: Team) -> None:
    whole_team(team)
    refused = team.doctor.post(base(team), json={"profession": "psychologist", "reason": "r"})
    assert refused.status_code == 403
    made = team.physio.post(base(team), json={"profession": "doctor", "reason": "Review"})
    assert made.status_code == 201
    assert [r["id"] for r in team.doctor.get(base(team)).json()] == [made.json()["id"]]
    url = f"{base(team)}/{made.json()['id']}/steps"
    assert team.doctor.post(url, json={"step": "accept"}).status_code == 200


def test_the_person_refers_themselves_from_their_plan(team: Team) -> None:
    made = team.person.post(base(team), json={"plan_item_id": "referral-physiotherapy"})
    assert made.status_code == 201, made.text
    assert made.json()["profession"] == "physiotherapist"
    assert made.json()["referred_by_profession"] is None
    assert "Physiotherapy" in made.json()["reason"] or made.json()["reason"]


def test_bad_input_is_422_naming_the_field(team: Team) -> None:
    whole_team(team)
    for body, field in (
        ({"plan_item_id": "no-such-item"}, "plan_item_id"),
        ({"plan_item_id": "strengthen-bird-dog"}, "plan_item_id"),
        ({"profession": "doctor"}, "reason"),
        ({"profession": "doctor", "reason": "a\x00b"}, "reason"),
        ({"profession": "doctor", "reason": "r", "clinic": "Nowhere"}, "clinic"),
        ({"reason": "r"}, "profession"),
        ({"profession": "astronaut", "reason": "r"}, "profession"),
    ):
        response = team.physio.post(base(team), json=body)
        assert response.status_code == 422, (body, response.text)
        assert field in response.text, (body, response.text)


def test_an_emergency_is_never_a_referral_to_wait_for(team: Team) -> None:
    """SAFETY.md H-180 and H-181."""
    whole_team(team)
    reassessed = team.person.post(
        f"/api/v1/patients/{team.patient_id}/assessments",
        json=EMERGENCY,
        params={"date": "2024-05-14"},
    )
    assert reassessed.status_code == 201, reassessed.text
    go_now = team.physio.post(base(team), json={"plan_item_id": "referral-emergency-department"})
    assert go_now.status_code == 409
    assert "Go now" in go_now.json()["detail"]
    massage = team.physio.post(base(team), json={"profession": "massage_therapist", "reason": "r"})
    assert massage.status_code == 409
    assert "emergency level" in massage.json()["detail"]
    doctor = team.physio.post(base(team), json={"profession": "doctor", "reason": "Seen today?"})
    assert doctor.status_code == 201


def test_every_read_and_write_is_in_the_audit_log(team: Team, engine: Engine) -> None:
    whole_team(team)
    made = refer_to_massage(team)["id"]
    team.person.get(base(team))
    step(team, made, "accept")
    with read_only(engine) as session:
        lines = list_events(session, patient_id=team.patient_id, limit=500)
    seen = [(line.action, line.detail) for line in lines]
    assert ("referral.write", f"referral {made} requested") in seen
    assert ("referral.write", f"referral {made} accepted") in seen
    assert any(action == "referral.read" for action, _ in seen)


def test_the_persons_own_export_holds_their_referrals_and_appointments(team: Team) -> None:
    whole_team(team)
    made = refer_to_massage(team)["id"]
    response = team.person.get(
        f"/api/v1/patients/{team.patient_id}/export", params={"format": "json"}
    )
    assert response.status_code == 200, response.text
    exported = response.json()
    assert [row["id"] for row in exported["referrals"]] == [made]
    assert [row["status"] for row in exported["referral_events"]] == ["requested"]
    assert exported["appointments"] == []


def test_a_referral_to_a_clinic_is_answered_by_its_clinicians_alone(
    team: Team, engine: Engine
) -> None:
    whole_team(team)
    with unit_of_work(engine) as session:
        create_clinic(
            session, data=ClinicCreate(name="North Clinic"), by=operator(), source="t", now=utcnow()
        )
    made = team.physio.post(
        base(team),
        json={"profession": "massage_therapist", "clinic": "North Clinic", "reason": "Hips"},
    )
    assert made.status_code == 201, made.text
    assert made.json()["clinic"] == "North Clinic"
    url = f"{base(team)}/{made.json()['id']}/steps"
    assert team.masseur.post(url, json={"step": "accept"}).status_code == 403
    with unit_of_work(engine) as session:
        add_clinician(
            session,
            clinic="North Clinic",
            clinician="masseur",
            by=operator(),
            source="t",
            now=utcnow(),
        )
    assert team.masseur.post(url, json={"step": "accept"}).status_code == 200

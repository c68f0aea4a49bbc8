"""The weekly case review through the API: the agenda and why each person is on it, the
one-page summary as far as the share opens it, decisions, minutes, closing, and who sees what."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, select

from backcare.access.actors import operator
from backcare.access.policy import Actor, Kind
from backcare.accounts.repository import account_by_name
from backcare.audit.models import AuditLogRow as AuditLog
from backcare.case_review import decisions, meetings
from backcare.case_review.agenda import not_improving
from backcare.case_review.figures import Window, agenda_figures
from backcare.case_review.models import CaseReview
from backcare.case_review.schemas import DecisionCreate
from backcare.errors import ConflictError
from backcare.knowledge.loader import Knowledge
from backcare.store.db import read_only, unit_of_work
from backcare.store.types import utcnow
from backcare.team.clinics import add_clinician, create_clinic
from backcare.team.schemas import ClinicCreate
from backcare.tracking.models import Alert
from tests.team.conftest import Team, invite, join
from tests.web.conftest import TODAY

CLINIC = "Riverside"


def make_clinic(engine: Engine, *clinicians: str) -> None:
    with unit_of_work(engine) as session:
        by, now = operator(), utcnow()
        create_clinic(session, data=ClinicCreate(name=CLINIC), by=by, source="t", now=now)
        for name in clinicians:
            add_clinician(session, clinic=CLINIC, clinician=name, by=by, source="t", now=now)


def check_in(team: Team, pains: list[int]) -> None:
    """One check-in a day, the last one today."""
    for n, pain in enumerate(pains):
        day = TODAY - dt.timedelta(days=len(pains) - 1 - n)
        body = {"date": day.isoformat(), "pain_now": pain, "sessions_done": 1, "minutes": 20}
        response = team.person.post(f"/api/v1/patients/{team.patient_id}/checkins", json=body)
        assert response.status_code == 201, response.text


def open_meeting(client: TestClient, **body: Any) -> dict[str, Any]:
    response = client.post("/api/v1/case-reviews", json={"held_on": TODAY.isoformat(), **body})
    assert response.status_code == 201, response.text
    meeting: dict[str, Any] = response.json()
    return meeting


def decide(client: TestClient, meeting: int, patient_id: str, **body: Any) -> Any:
    values = {"text": "Try a shorter walk", "owner": "person", "due_on": "2024-05-29", **body}
    path = f"/api/v1/case-reviews/{meeting}/people/{patient_id}/decisions"
    return client.post(path, json=values)


def test_a_person_whose_pain_has_not_changed_importantly_is_on_the_agenda(
    team: Team, engine: Engine
) -> None:
    make_clinic(engine, "physio")
    join(team.physio, invite(team))
    check_in(team, [6, 6, 5, 6, 6])  # baseline 6: a week's mean of 5.8 is no important fall
    meeting = open_meeting(team.physio, clinic=CLINIC)
    [entry] = meeting["agenda"]
    assert entry["patient_id"] == team.patient_id
    assert entry["reasons"] == ["not_improving"]
    assert (entry["baseline_pain"], entry["pain_this_week"], entry["readings"]) == (6, 5.8, 5)


def test_a_person_improving_importantly_is_not_on_the_agenda_unless_added(
    team: Team, engine: Engine
) -> None:
    make_clinic(engine, "physio")
    join(team.physio, invite(team))
    check_in(team, [4, 4, 4, 4])  # 6 to 4: two points, an important fall
    meeting = open_meeting(team.physio, clinic=CLINIC)
    assert meeting["agenda"] == []
    path = f"/api/v1/case-reviews/{meeting['id']}/people/{team.patient_id}"
    assert team.physio.put(path).status_code == 204
    [entry] = team.physio.get(f"/api/v1/case-reviews/{meeting['id']}").json()["agenda"]
    assert (entry["reasons"], entry["added_by"]) == (["added"], "physio")


def test_too_few_check_ins_say_nothing_about_improvement(team: Team, engine: Engine) -> None:
    make_clinic(engine, "physio")
    join(team.physio, invite(team))
    check_in(team, [6, 6])
    assert open_meeting(team.physio, clinic=CLINIC)["agenda"] == []


def test_open_alerts_put_a_person_on_the_agenda_first(team: Team, engine: Engine) -> None:
    make_clinic(engine, "physio")
    join(team.physio, invite(team))
    check_in(team, [9, 9, 9])  # very high pain on three days: the check-in review raises one
    meeting = open_meeting(team.physio, clinic=CLINIC)
    [entry] = meeting["agenda"]
    assert entry["open_alerts"] >= 1
    assert {"open_alerts", "not_improving"} <= set(entry["reasons"])


def test_an_alert_the_week_raised_flags_the_person_though_it_is_resolved(
    team: Team, engine: Engine
) -> None:
    make_clinic(engine, "physio")
    join(team.physio, invite(team))
    raised = dt.datetime.combine(TODAY, dt.time(8), tzinfo=dt.UTC)
    with unit_of_work(engine) as session:
        session.add(
            Alert(
                patient_id=team.patient_id,
                kind="pain_worsening",
                detail={},
                resolved=True,
                resolved_at=raised,
                created_at=raised,
            )
        )
    [entry] = open_meeting(team.physio, clinic=CLINIC)["agenda"]
    assert entry["reasons"] == ["flagged"]
    assert entry["open_alerts"] == 0
    # The week before the alert was raised, nothing flags them.
    earlier = open_meeting(team.physio, clinic=CLINIC, held_on="2024-05-08")
    assert earlier["agenda"] == []


def test_the_agenda_is_one_statement(team: Team, engine: Engine) -> None:
    make_clinic(engine, "physio")
    join(team.physio, invite(team))
    meeting_id = open_meeting(team.physio, clinic=CLINIC)["id"]
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        statements.append(statement)

    with read_only(engine) as session:
        account = account_by_name(session, "physio")
        row = session.get(CaseReview, meeting_id)
        assert account is not None
        assert row is not None
        event.listen(engine, "before_cursor_execute", count)
        try:
            agenda_figures(session, row, account.id, Window.ending(TODAY))
        finally:
            event.remove(engine, "before_cursor_execute", count)
    assert len(statements) == 1


def test_a_clinic_colleague_outside_the_team_sees_neither_the_person_nor_their_summary(
    team: Team, engine: Engine
) -> None:
    make_clinic(engine, "physio", "masseur")
    join(team.physio, invite(team))
    check_in(team, [6, 6, 6])
    meeting = open_meeting(team.physio, clinic=CLINIC)
    assert len(meeting["agenda"]) == 1
    decided = decide(team.physio, meeting["id"], team.patient_id)
    assert decided.status_code == 201, decided.text
    seen = team.masseur.get(f"/api/v1/case-reviews/{meeting['id']}").json()
    assert (seen["agenda"], seen["decisions"]) == ([], [])
    summary = team.masseur.get(f"/api/v1/case-reviews/{meeting['id']}/people/{team.patient_id}")
    assert summary.status_code == 404
    assert decide(team.masseur, meeting["id"], team.patient_id).status_code == 404
    # The doctor is in no clinic: the meeting does not exist for them.
    assert team.doctor.get(f"/api/v1/case-reviews/{meeting['id']}").status_code == 404
    assert team.doctor.get("/api/v1/case-reviews").json() == []


def test_a_plan_only_share_leaves_the_notes_out_of_the_summary(team: Team) -> None:
    join(team.physio, invite(team))
    join(team.masseur, invite(team, "plan_and_progress"))
    note = {"kind": "progress", "visibility": "team", "body": "Walks 20 minutes", "sign": True}
    assert team.physio.post(f"/api/v1/patients/{team.patient_id}/notes", json=note).is_success
    meeting = open_meeting(team.physio, patient_id=team.patient_id)
    path = f"/api/v1/case-reviews/{meeting['id']}/people/{team.patient_id}"
    whole = team.physio.get(path).json()
    assert [n["body"] for n in whole["notes"]] == ["Walks 20 minutes"]
    plan_only = team.masseur.get(path)
    assert plan_only.status_code == 200, plan_only.text
    assert plan_only.json()["notes"] is None
    assert plan_only.json()["trend"]["baseline_pain"] == 6


def test_the_summary_lists_plan_changes_with_author_profession_and_reason(team: Team) -> None:
    join(team.physio, invite(team))
    plan = team.physio.get(f"/api/v1/patients/{team.patient_id}/plan").json()
    item = next(i for i in plan["plan"]["items"] if i["kind"] == "strengthen")
    edit = {
        "based_on_version": plan["version"],
        "reason": "Sore after the full dose",
        "operations": [{"op": "change", "item_id": item["id"], "dose": "2 sets of 6"}],
    }
    response = team.physio.post(f"/api/v1/patients/{team.patient_id}/plan/edits", json=edit)
    assert response.status_code == 201, response.text
    meeting = open_meeting(team.physio, patient_id=team.patient_id)
    summary = team.physio.get(
        f"/api/v1/case-reviews/{meeting['id']}/people/{team.patient_id}"
    ).json()
    latest = summary["plan_changes"][0]
    assert (latest["author"], latest["profession"]) == ("physio", "physiotherapist")
    assert latest["reason"] == "Sore after the full dose"
    assert summary["since"] is None


def test_the_person_sees_the_decisions_addressed_to_them_and_only_those(team: Team) -> None:
    join(team.physio, invite(team))
    join(team.masseur, invite(team))
    meeting = open_meeting(team.physio, patient_id=team.patient_id)
    mine = decide(team.physio, meeting["id"], team.patient_id, text="Walk 10 minutes a day")
    assert mine.status_code == 201, mine.text
    theirs = decide(team.physio, meeting["id"], team.patient_id, owner="masseur", text="Call")
    assert theirs.status_code == 201, theirs.text
    assert theirs.json()["owner_name"] == "masseur"
    path = f"/api/v1/patients/{team.patient_id}/case-review-decisions"
    seen = team.person.get(path)
    assert seen.status_code == 200
    assert [d["text"] for d in seen.json()] == ["Walk 10 minutes a day"]
    assert seen.json()[0]["decided_by"] == "physio"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"owner": "stranger"}, "owner"),
        ({"due_on": "2024-05-01"}, "due_on"),
        ({"due_on": "2026-01-01"}, "due_on"),
        ({"text": "Walk\x00"}, "text"),
        ({"text": "x" * 2001}, "text"),
    ],
)
def test_a_bad_decision_is_refused_naming_the_field(
    team: Team, body: dict[str, str], field: str
) -> None:
    join(team.physio, invite(team))
    meeting = open_meeting(team.physio, patient_id=team.patient_id)
    response = decide(team.physio, meeting["id"], team.patient_id, **body)
    assert response.status_code == 422
    assert field in response.text


@pytest.mark.parametrize(
    "body",
    [
        {"held_on": "2024-05-15"},
        {"held_on": "2024-05-15", "clinic": CLINIC, "patient_id": "x"},
        {"held_on": "9999-12-31", "clinic": CLINIC},
        {"held_on": "2020-01-01", "clinic": CLINIC},
        {"held_on": "2024-05-15", "clinic": CLINIC, "attendees": ["nobody"]},
        {"held_on": "2024-05-15", "clinic": CLINIC, "title": "a\nb"},
    ],
)
def test_a_bad_meeting_is_refused(team: Team, engine: Engine, body: dict[str, Any]) -> None:
    make_clinic(engine, "physio")
    response = team.physio.post("/api/v1/case-reviews", json=body)
    assert response.status_code == 422, response.text


def test_a_clinic_the_clinician_is_not_in_is_not_found(team: Team, engine: Engine) -> None:
    make_clinic(engine, "physio")
    body = {"held_on": TODAY.isoformat(), "clinic": CLINIC}
    assert team.masseur.post("/api/v1/case-reviews", json=body).status_code == 404
    body = {"held_on": TODAY.isoformat(), "patient_id": team.patient_id}
    assert team.masseur.post("/api/v1/case-reviews", json=body).status_code == 404


def test_a_closed_meeting_is_read_only_and_amended_by_addendum(team: Team, engine: Engine) -> None:
    make_clinic(engine, "physio", "masseur")
    join(team.physio, invite(team))
    check_in(team, [6, 6, 6])
    meeting = open_meeting(team.physio, clinic=CLINIC, attendees=["masseur"])
    assert [a["username"] for a in meeting["attendees"]] == ["masseur", "physio"]
    base = f"/api/v1/case-reviews/{meeting['id']}"
    assert team.physio.post(f"{base}/addenda", json={"body": "x"}).status_code == 409
    minutes = {"minutes": "Ann: pain unchanged.\nAgreed a shorter walk."}
    assert team.physio.put(f"{base}/minutes", json=minutes).status_code == 200
    closed = team.physio.post(f"{base}/close")
    assert closed.status_code == 200, closed.text
    assert closed.json()["closed_by"] == "physio"
    assert closed.json()["agenda"][0]["reasons"] == ["not_improving"]
    assert team.physio.post(f"{base}/close").status_code == 409
    assert team.physio.put(f"{base}/minutes", json={"minutes": "changed"}).status_code == 409
    assert team.physio.put(f"{base}/attendees", json={"attendees": []}).status_code == 409
    assert decide(team.physio, meeting["id"], team.patient_id).status_code == 409
    assert team.physio.put(f"{base}/people/{team.patient_id}").status_code == 409
    added = team.physio.post(f"{base}/addenda", json={"body": "Ann called: walk done."})
    assert added.status_code == 201
    again = team.physio.get(base).json()
    assert again["minutes"] == minutes["minutes"]
    assert [a["body"] for a in again["addenda"]] == ["Ann called: walk done."]
    # The kept agenda stays, though pain has changed since.
    check_in(team, [2, 2, 2])
    assert [e["patient_id"] for e in team.physio.get(base).json()["agenda"]] == [team.patient_id]


def test_the_next_review_shows_plan_changes_since_the_last(team: Team, engine: Engine) -> None:
    make_clinic(engine, "physio")
    join(team.physio, invite(team))
    check_in(team, [6, 6, 6])
    first = open_meeting(team.physio, clinic=CLINIC, held_on="2024-05-08")
    added = team.physio.put(f"/api/v1/case-reviews/{first['id']}/people/{team.patient_id}")
    assert added.is_success
    assert team.physio.post(f"/api/v1/case-reviews/{first['id']}/close").is_success
    second = open_meeting(team.physio, clinic=CLINIC)
    path = f"/api/v1/case-reviews/{second['id']}/people/{team.patient_id}"
    summary = team.physio.get(path).json()
    assert summary["since"] == "2024-05-08"
    before = team.physio.get(f"/api/v1/case-reviews/{first['id']}/people/{team.patient_id}")
    assert [c["version"] for c in before.json()["plan_changes"]] == [1]
    assert summary["plan_changes"] == []  # the first plan was made before the last review


def test_revoking_consent_takes_the_person_off_the_agenda_at_once(team: Team) -> None:
    join(team.physio, invite(team))
    meeting = open_meeting(team.physio, patient_id=team.patient_id)
    assert decide(team.physio, meeting["id"], team.patient_id).status_code == 201
    team_now = team.person.get(f"/api/v1/patients/{team.patient_id}/team").json()
    member = team_now["members"][0]
    gone = team.person.delete(
        f"/api/v1/patients/{team.patient_id}/team/members/{member['clinician']}"
    )
    assert gone.status_code in (200, 204), gone.text
    assert team.physio.get(f"/api/v1/case-reviews/{meeting['id']}").status_code == 404
    path = f"/api/v1/case-reviews/{meeting['id']}/people/{team.patient_id}"
    assert team.physio.get(path).status_code == 404


def test_every_read_and_write_is_in_the_audit_log(team: Team, engine: Engine) -> None:
    join(team.physio, invite(team))
    meeting = open_meeting(team.physio, patient_id=team.patient_id)
    team.physio.get(f"/api/v1/case-reviews/{meeting['id']}/people/{team.patient_id}")
    decide(team.physio, meeting["id"], team.patient_id)
    team.person.get(f"/api/v1/patients/{team.patient_id}/case-review-decisions")
    with read_only(engine) as session:
        rows = session.execute(
            select(AuditLog.action, AuditLog.patient_key, AuditLog.detail).where(
                AuditLog.action.like("case_review.%")
            )
        ).all()
    actions = [(action, patient is not None) for action, patient, _ in rows]
    assert ("case_review.write", True) in actions  # opened (a team's meeting names its person)
    assert actions.count(("case_review.read", True)) >= 2  # the summary and the person's read
    assert any("decision" in detail for _, _, detail in rows)


def test_the_openapi_description_holds_the_case_review(team: Team) -> None:
    paths = team.physio.get("/openapi.json").json()["paths"]
    meeting = "/api/v1/case-reviews/{meeting_id}"
    assert {
        "/api/v1/case-reviews",
        meeting,
        f"{meeting}/close",
        f"{meeting}/people/{{patient_id}}/decisions",
        "/api/v1/patients/{patient_id}/case-review-decisions",
    } <= set(paths)
    assert {"404", "409", "422"} <= set(
        paths[f"{meeting}/people/{{patient_id}}/decisions"]["post"]["responses"]
    )
    assert "409" in paths[f"{meeting}/close"]["post"]["responses"]


@pytest.mark.parametrize(
    ("baseline", "mean", "readings", "days_in", "expected"),
    [
        (6, 5.0, 4, 20, True),  # one point down: no important change
        (6, 4.0, 4, 20, False),  # two points down: important
        (3, 2.1, 4, 20, False),  # 30% down: important, though under two points
        (6, 6.0, 2, 20, False),  # too few check-ins to say
        (6, 6.0, 4, 10, False),  # assessed too recently to judge a direction
        (1, 1.0, 4, 20, False),  # settled low pain is doing well
    ],
)
def test_not_improving_follows_the_important_change_and_its_thresholds(
    knowledge: Knowledge, baseline: int, mean: float, readings: int, days_in: int, expected: bool
) -> None:
    window = Window.ending(TODAY)
    found = not_improving(
        baseline=baseline,
        assessed_on=TODAY - dt.timedelta(days=days_in),
        pain_mean=mean,
        readings=readings,
        window=window,
        thresholds=knowledge.thresholds,
    )
    assert found is expected


def test_a_decision_racing_the_close_is_kept_before_it_or_refused_after_it(
    team: Team, engine: Engine, knowledge: Knowledge
) -> None:
    join(team.physio, invite(team))
    join(team.masseur, invite(team))
    meeting_id = open_meeting(team.physio, patient_id=team.patient_id)["id"]
    with read_only(engine) as session:
        actors = {}
        for name in ("physio", "masseur"):
            account = account_by_name(session, name)
            assert account is not None
            actors[name] = Actor(kind=Kind.CLINICIAN, name=name, account_id=account.id)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []
    now = utcnow()

    def close() -> None:
        barrier.wait()
        with unit_of_work(engine) as session:
            meetings.close(
                session,
                meeting_id=meeting_id,
                actor=actors["physio"],
                thresholds=knowledge.thresholds,
                source="t",
                now=now,
            )
        outcomes.append("closed")

    def record() -> None:
        data = DecisionCreate(text="Walk daily", owner="person", due_on=TODAY)
        barrier.wait()
        try:
            with unit_of_work(engine) as session:
                decisions.decide(
                    session,
                    meeting_id=meeting_id,
                    patient_id=team.patient_id,
                    data=data,
                    actor=actors["masseur"],
                    source="t",
                    now=now,
                )
            outcomes.append("decided")
        except ConflictError:
            outcomes.append("refused")

    threads = [threading.Thread(target=close), threading.Thread(target=record)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) in (["closed", "decided"], ["closed", "refused"])
    kept = team.physio.get(f"/api/v1/case-reviews/{meeting_id}").json()
    assert kept["closed_by"] == "physio"
    if "decided" in outcomes:
        # Decided first: the kept agenda holds the person the decision is about.
        assert [d["text"] for d in kept["decisions"]] == ["Walk daily"]
        assert [e["patient_id"] for e in kept["agenda"]] == [team.patient_id]
    else:
        assert kept["decisions"] == []


def test_the_summary_lists_referrals_under_way_and_the_plans_suggestions_not_yet_made(
    team: Team,
) -> None:
    join(team.physio, invite(team, "whole_record"))
    join(team.masseur, invite(team, "whole_record"))
    referrals = f"/api/v1/patients/{team.patient_id}/referrals"
    made = team.physio.post(referrals, json={"plan_item_id": "referral-massage-therapy"})
    assert made.status_code == 201, made.text
    meeting = open_meeting(team.physio, patient_id=team.patient_id)
    path = f"/api/v1/case-reviews/{meeting['id']}/people/{team.patient_id}"

    listed = {r["item_id"]: r for r in team.physio.get(path).json()["open_referrals"]}
    under_way = listed["referral-massage-therapy"]
    assert (under_way["referral_id"], under_way["status"]) == (made.json()["id"], "requested")
    assert under_way["since"] == made.json()["created_at"][:10]
    suggested = [r for r in listed.values() if r["referral_id"] is None]
    assert suggested
    assert all(r["status"] == "suggested" for r in suggested)

    declined = team.masseur.post(
        f"{referrals}/{made.json()['id']}/steps", json={"step": "decline", "note": "Not now"}
    )
    assert declined.status_code == 200, declined.text
    after = {r["item_id"]: r for r in team.physio.get(path).json()["open_referrals"]}
    # Declined is no longer under way, and the plan item it came from was requested once:
    # the meeting sees neither, so a decline is not mistaken for a waiting suggestion.
    assert "referral-massage-therapy" not in after
    assert {k for k, r in after.items() if r["referral_id"] is None} == set(after)

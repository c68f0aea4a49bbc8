"""Shared plan editing through the API: new versions with author, profession and reason; the
safety rules and their overrides; conflicts between two clinicians; the change history."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from backcare.accounts.vocabulary import Profession, Role
from backcare.audit.service import list_events
from backcare.store.db import read_only
from tests.web.auth_support import client_as, grant, make_account
from tests.web.conftest import CHRONIC, EMERGENCY

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
OSTEOPOROSIS: dict[str, Any] = {**CHRONIC, "osteoporosis": True}
REASON = "Bird dog is going well; more repetitions, two days a week"


def plan_of(client: TestClient, patient_id: str) -> dict[str, Any]:
    response = client.get(f"/api/v1/patients/{patient_id}/plan")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def edit(
    client: TestClient,
    patient_id: str,
    operations: list[dict[str, Any]],
    *,
    based_on: int | None = None,
    reason: str = REASON,
    overrides: list[dict[str, Any]] | None = None,
) -> Any:
    version = based_on if based_on is not None else plan_of(client, patient_id)["version"]
    body = {"based_on_version": version, "reason": reason, "operations": operations}
    if overrides is not None:
        body["overrides"] = overrides
    return client.post(f"/api/v1/patients/{patient_id}/plan/edits", json=body)


def item(plan: dict[str, Any], item_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(i for i in plan["plan"]["items"] if i["id"] == item_id)
    return found


def assess(client: TestClient, patient_id: str, intake: dict[str, Any]) -> None:
    response = client.post(f"/api/v1/patients/{patient_id}/assessments", json=intake)
    assert response.status_code == 201, response.text


DOSE_CHANGE = {
    "op": "change",
    "item_id": "strengthen-bird-dog",
    "dose": "8 each side, hold 5 s",
    "minutes": 6,
    "days": ["tue", "fri"],
}


@pytest.mark.usefixtures("assessed")
def test_a_dose_change_is_a_new_version_with_author_profession_and_reason(
    client: TestClient, patient_id: str
) -> None:
    before = plan_of(client, patient_id)
    response = edit(client, patient_id, [DOSE_CHANGE])
    assert response.status_code == 201, response.text
    made = response.json()
    assert (made["version"], made["based_on_version"]) == (2, 1)
    assert (made["author_name"], made["profession"], made["reason"]) == (
        "dr-who",
        "physiotherapist",
        REASON,
    )
    (change,) = made["changes"]
    assert change["action"] == "changed"
    assert "dose: " in change["detail"]
    assert "→ 8 each side, hold 5 s" in change["detail"]
    after = plan_of(client, patient_id)
    assert after["version"] == 2
    assert after["created_by"] == "dr-who"
    assert REASON in after["reason"]
    changed = item(after, "strengthen-bird-dog")
    assert (changed["dose"], changed["minutes"], changed["days"]) == (
        "8 each side, hold 5 s",
        6,
        ["tue", "fri"],
    )
    week = after["plan"]["week"]
    assert "strengthen-bird-dog" in week["tue"]
    assert "strengthen-bird-dog" not in week["mon"]
    totals, old = after["plan"]["total_minutes_per_day"], before["plan"]["total_minutes_per_day"]
    assert totals["mon"] == pytest.approx(old["mon"] - 5)
    assert totals["tue"] == pytest.approx(old["tue"] + 6)
    # Version 1 is unchanged: editing never rewrites history.
    first = client.get(f"/api/v1/patients/{patient_id}/plan/versions/1").json()
    assert item(first, "strengthen-bird-dog")["days"] == ["mon", "wed", "sat"]


@pytest.mark.parametrize("reason", ["", "   "])
@pytest.mark.usefixtures("assessed")
def test_a_reason_is_required(client: TestClient, patient_id: str, reason: str) -> None:
    response = edit(client, patient_id, [DOSE_CHANGE], reason=reason)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "reason"
    assert plan_of(client, patient_id)["version"] == 1


@pytest.mark.parametrize(
    ("operations", "named"),
    [
        ([{"op": "add", "item_id": "no-such-entry"}], "neither a catalog entry"),
        ([{"op": "add", "item_id": "strengthen-bird-dog"}], "already in the plan"),
        ([{"op": "remove", "item_id": "not-in-plan"}], "is not in the plan"),
        ([{"op": "change", "item_id": "strengthen-bird-dog"}], "changes nothing"),
        (
            [{"op": "add", "item_id": "referral-psychology", "days": ["mon"]}],
            "arranged, not timetabled",
        ),
    ],
)
@pytest.mark.usefixtures("assessed")
def test_an_edit_that_cannot_apply_is_refused_naming_the_problem(
    client: TestClient, patient_id: str, operations: Any, named: str
) -> None:
    response = edit(client, patient_id, operations)
    assert response.status_code == 422, response.text
    assert named in response.text
    assert plan_of(client, patient_id)["version"] == 1


@pytest.mark.parametrize(
    "operation",
    [
        {"op": "change", "item_id": "strengthen-bird-dog", "days": ["mon", "mon"]},
        {"op": "change", "item_id": "strengthen-bird-dog", "days": ["someday"]},
        {"op": "change", "item_id": "strengthen-bird-dog", "minutes": 0},
        {"op": "change", "item_id": "strengthen-bird-dog", "minutes": 600},
        {
            "op": "add_custom",
            "exercise": {
                "kind": "referral",
                "title": "Odd",
                "steps": ["x"],
                "dose": "1",
                "minutes": 1,
            },
        },
        {
            "op": "add_custom",
            "exercise": {
                "kind": "stretch",
                "title": "No steps",
                "steps": [],
                "dose": "1",
                "minutes": 1,
            },
        },
        {
            "op": "add_custom",
            "exercise": {
                "kind": "stretch",
                "title": "Bad code",
                "steps": ["x"],
                "dose": "1",
                "minutes": 1,
                "contraindications": ["unknown_code"],
            },
        },
        {"op": "launch", "item_id": "x"},
    ],
)
@pytest.mark.usefixtures("assessed")
def test_bad_operations_are_422(
    client: TestClient, patient_id: str, operation: dict[str, Any]
) -> None:
    response = edit(client, patient_id, [operation])
    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["loc"][:2] == ["body", "operations"]


@pytest.mark.usefixtures("assessed")
def test_a_catalog_item_is_added_and_another_removed(client: TestClient, patient_id: str) -> None:
    response = edit(
        client,
        patient_id,
        [
            {"op": "add", "item_id": "strengthen-glute-bridge", "days": ["mon", "thu"]},
            {"op": "remove", "item_id": "stretch-knee-to-chest"},
        ],
    )
    assert response.status_code == 201, response.text
    plan = plan_of(client, patient_id)
    ids = [i["id"] for i in plan["plan"]["items"]]
    assert "strengthen-glute-bridge" in ids
    assert "stretch-knee-to-chest" not in ids
    added = item(plan, "strengthen-glute-bridge")
    assert added["schedule"] == "on Monday and Thursday"
    assert added["why"].startswith("Added by dr-who (physiotherapist): ")
    assert added["evidence"]  # the catalog entry's sources come with it
    assert all("stretch-knee-to-chest" not in day for day in plan["plan"]["week"].values())
    assert [c["action"] for c in response.json()["changes"]] == ["added", "removed"]


CUSTOM = {
    "kind": "strengthen",
    "title": "Wall sit, short holds",
    "summary": "Back against a wall, knees a little bent.",
    "steps": ["Stand with your back to a wall.", "Slide down a little.", "Hold, then stand."],
    "dose": "5 holds of 10 s",
    "minutes": 4,
    "contraindications": ["knee_replacement"],
    "cautions": ["Stop if your knees hurt."],
}


@pytest.mark.usefixtures("assessed")
def test_a_custom_exercise_is_stored_for_the_record_and_shown_like_a_catalog_item(
    client: TestClient, patient_id: str
) -> None:
    response = edit(client, patient_id, [{"op": "add_custom", "exercise": CUSTOM, "days": ["wed"]}])
    assert response.status_code == 201, response.text
    plan = plan_of(client, patient_id)
    custom = item(plan, "custom-1")
    assert (custom["kind"], custom["title"], custom["dose"]) == (
        "strengthen",
        CUSTOM["title"],
        CUSTOM["dose"],
    )
    assert custom["steps"] == CUSTOM["steps"]
    assert custom["cautions"] == CUSTOM["cautions"]
    assert "custom-1" in plan["plan"]["week"]["wed"]
    page = client.get(f"/patients/{patient_id}/plan")
    assert CUSTOM["title"] in page.text
    assert "Slide down a little." in page.text
    # Removed, then added again by its id: the record keeps it.
    edit(client, patient_id, [{"op": "remove", "item_id": "custom-1"}])
    again = edit(client, patient_id, [{"op": "add", "item_id": "custom-1", "days": ["fri"]}])
    assert again.status_code == 201, again.text
    assert item(plan_of(client, patient_id), "custom-1")["days"] == ["fri"]


def test_a_contraindicated_item_is_refused_naming_the_rule_unless_overridden(
    client: TestClient, patient_id: str, engine: Engine
) -> None:
    assess(client, patient_id, OSTEOPOROSIS)
    add = [{"op": "add", "item_id": "stretch-childs-pose", "days": ["mon"]}]
    refused = edit(client, patient_id, add)
    assert refused.status_code == 422
    text = refused.json()["detail"][0]["msg"]
    assert "Rule contraindication" in text
    assert "osteoporosis" in text
    assert plan_of(client, patient_id)["version"] == 1
    override = {
        "rule": "contraindication",
        "item_id": "stretch-childs-pose",
        "reason": "Bone density recently normal; supervised in clinic first",
    }
    allowed = edit(client, patient_id, add, overrides=[override])
    assert allowed.status_code == 201, allowed.text
    (recorded,) = allowed.json()["overrides"]
    assert recorded["rule"] == "contraindication"
    assert recorded["reason"] == override["reason"]
    assert "Rule contraindication" in recorded["sentence"]
    with read_only(engine) as session:
        logged = list_events(session, patient_id=patient_id, limit=100)
    overrides = [row for row in logged if row.action == "plan.override"]
    assert len(overrides) == 1
    assert "contraindication for stretch-childs-pose" in overrides[0].detail
    assert override["reason"] not in overrides[0].detail  # clinical text stays in the record


def test_a_custom_exercise_contraindicated_by_its_own_codes_is_refused(
    client: TestClient, patient_id: str
) -> None:
    assess(client, patient_id, {**CHRONIC, "conditions": ["knee_replacement"]})
    response = edit(client, patient_id, [{"op": "add_custom", "exercise": CUSTOM}])
    assert response.status_code == 422
    assert "Rule contraindication" in response.text
    assert "knee replacement" in response.text


def test_the_person_sees_the_override_on_their_plan_page(
    app: FastAPI, client: TestClient, patient_id: str, engine: Engine
) -> None:
    assess(client, patient_id, OSTEOPOROSIS)
    override = {"rule": "contraindication", "item_id": "stretch-childs-pose", "reason": "Checked"}
    add = [{"op": "add", "item_id": "stretch-childs-pose", "days": ["mon"]}]
    assert edit(client, patient_id, add, overrides=[override]).status_code == 201
    make_account(engine, "ann", Role.PERSON, patient_id=patient_id)
    person = client_as(app, "ann")
    page = person.get(f"/patients/{patient_id}/plan")
    assert page.status_code == 200
    assert "went past a safety rule" in page.text
    assert "usually left out for people with: fracture risk, osteoporosis" in page.text
    assert "(rule contraindication)" in page.text
    assert "Checked" in page.text


@pytest.mark.usefixtures("assessed")
def test_an_override_for_a_rule_the_edit_does_not_break_is_refused(
    client: TestClient, patient_id: str
) -> None:
    override = {"rule": "contraindication", "item_id": "strengthen-bird-dog", "reason": "x"}
    response = edit(client, patient_id, [DOSE_CHANGE], overrides=[override])
    assert response.status_code == 422
    assert "nothing to override" in response.text


@pytest.mark.usefixtures("assessed")
def test_removing_a_referral_needs_an_override(client: TestClient, patient_id: str) -> None:
    remove = [{"op": "remove", "item_id": "referral-physiotherapy"}]
    refused = edit(client, patient_id, remove)
    assert refused.status_code == 422
    assert "Rule referral-removal" in refused.text
    override = {
        "rule": "referral-removal",
        "item_id": "referral-physiotherapy",
        "reason": "I am the physiotherapist now seeing them",
    }
    assert edit(client, patient_id, remove, overrides=[override]).status_code == 201


@pytest.mark.parametrize(
    ("operation", "rule"),
    [
        ({"op": "add", "item_id": "strengthen-glute-bridge", "days": ["mon"]}, "safety-plan"),
        ({"op": "add", "item_id": "massage-gentle-palm-circles"}, "safety-plan"),
        ({"op": "add_custom", "exercise": {**CUSTOM, "contraindications": []}}, "safety-plan"),
        ({"op": "remove", "item_id": "referral-emergency-department"}, "safety-plan"),
        ({"op": "change", "item_id": "advice-safety-net", "days": ["mon"]}, "safety-plan"),
    ],
)
def test_no_override_turns_a_safety_plan_into_an_exercise_plan(
    client: TestClient, patient_id: str, operation: dict[str, Any], rule: str
) -> None:
    assess(client, patient_id, EMERGENCY)
    plan = plan_of(client, patient_id)
    assert plan["plan"]["triage"]["level"] == "emergency"
    refused = edit(client, patient_id, [operation])
    assert refused.status_code == 422
    assert f"Rule {rule}" in refused.text
    assert "No override can change this" in refused.text
    item_id = operation.get("item_id", "custom-1")
    override = {"rule": rule, "item_id": item_id, "reason": "I insist"}
    still = edit(client, patient_id, [operation], overrides=[override])
    assert still.status_code == 422
    assert f"Rule {rule}" in still.text
    assert plan_of(client, patient_id)["version"] == 1


def test_a_safety_plan_can_take_more_safety_advice(client: TestClient, patient_id: str) -> None:
    assess(client, patient_id, EMERGENCY)
    response = edit(client, patient_id, [{"op": "add", "item_id": "advice-stay-active"}])
    assert response.status_code == 201, response.text
    assert plan_of(client, patient_id)["plan"]["triage"]["level"] == "emergency"
    page = client.get(f"/patients/{patient_id}/plan")
    assert page.template.name == "instruction.html"  # type: ignore[attr-defined]
    assert "Add a referral or safety advice" in page.text


@pytest.mark.usefixtures("assessed")
def test_two_clinicians_editing_at_once_get_a_conflict_never_a_lost_change(
    app: FastAPI, client: TestClient, patient_id: str, engine: Engine
) -> None:
    make_account(engine, "mo", Role.CLINICIAN, profession=Profession.MASSAGE_THERAPIST)
    grant(engine, "mo", patient_id)
    other = client_as(app, "mo")
    seen_by_both = plan_of(client, patient_id)["version"]
    assert plan_of(other, patient_id)["version"] == seen_by_both
    first = edit(client, patient_id, [DOSE_CHANGE], based_on=seen_by_both)
    assert first.status_code == 201
    add = [{"op": "add", "item_id": "strengthen-glute-bridge", "days": ["sun"]}]
    stale = edit(other, patient_id, add, based_on=seen_by_both, reason="Adding a bridge")
    assert stale.status_code == 409
    body = stale.json()
    assert body["current"]["version"] == 2
    assert body["current"]["created_by"] == "dr-who"
    assert "version 2" in body["detail"]
    assert plan_of(client, patient_id)["version"] == 2
    retried = edit(other, patient_id, add, based_on=2, reason="Adding a bridge")
    assert retried.status_code == 201
    plan = plan_of(client, patient_id)
    assert plan["version"] == 3
    assert item(plan, "strengthen-bird-dog")["dose"] == DOSE_CHANGE["dose"]  # kept
    assert item(plan, "strengthen-glute-bridge")["days"] == ["sun"]
    history = client.get(f"/api/v1/patients/{patient_id}/plan/edits").json()
    assert [(h["version"], h["author_name"], h["profession"]) for h in history] == [
        (3, "mo", "massage_therapist"),
        (2, "dr-who", "physiotherapist"),
    ]


@pytest.mark.usefixtures("assessed")
def test_the_person_sees_what_changed_who_changed_it_and_why(
    app: FastAPI, client: TestClient, patient_id: str, engine: Engine
) -> None:
    assert edit(client, patient_id, [DOSE_CHANGE]).status_code == 201
    make_account(engine, "ann", Role.PERSON, patient_id=patient_id)
    person = client_as(app, "ann")
    history = person.get(f"/api/v1/patients/{patient_id}/plan/edits")
    assert history.status_code == 200
    (entry,) = history.json()
    assert (entry["author_name"], entry["reason"]) == ("dr-who", REASON)
    page = person.get(f"/patients/{patient_id}/plan/history")
    assert page.status_code == 200
    for words in ("dr-who", "physiotherapist", REASON, "Bird dog", "8 each side, hold 5 s"):
        assert words in page.text


@pytest.mark.usefixtures("assessed")
def test_only_a_clinician_in_the_persons_care_may_edit(
    app: FastAPI, client: TestClient, patient_id: str, engine: Engine
) -> None:
    make_account(engine, "ann", Role.PERSON, patient_id=patient_id)
    person = client_as(app, "ann")
    assert edit(person, patient_id, [DOSE_CHANGE], based_on=1).status_code == 403
    make_account(engine, "stranger", Role.CLINICIAN)
    stranger = client_as(app, "stranger")
    refused = edit(stranger, patient_id, [DOSE_CHANGE], based_on=1)
    assert refused.status_code == 404
    other = make_account(engine, "bob", Role.PERSON).patient_id
    assert other is not None
    assert edit(client, other, [DOSE_CHANGE], based_on=1).status_code == 404
    assert plan_of(client, patient_id)["version"] == 1


@pytest.mark.usefixtures("assessed")
def test_a_forged_cross_site_edit_is_refused(client: TestClient, patient_id: str) -> None:
    client.headers.pop("X-CSRF-Token")
    response = edit(client, patient_id, [DOSE_CHANGE], based_on=1)
    assert response.status_code == 403


def form_of(plan: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """The edit page's form as a browser posts it, unchanged but for ``extra``."""
    data: dict[str, Any] = {"based_on_version": str(plan["version"]), "reason": ""}
    for entry in plan["plan"]["items"]:
        data[f"dose-{entry['id']}"] = entry["dose"]
        data[f"minutes-{entry['id']}"] = f"{entry['minutes']:g}"
        if entry["kind"] != "referral":
            data[f"days-shown-{entry['id']}"] = "1"
            data[f"days-{entry['id']}"] = entry["days"]
    return {**data, **extra}


@pytest.mark.usefixtures("assessed")
def test_the_edit_page_changes_a_dose_with_a_reason(client: TestClient, patient_id: str) -> None:
    page = client.get(f"/patients/{patient_id}/plan/edit")
    assert page.status_code == 200
    assert "Save as version 2" in page.text
    plan = plan_of(client, patient_id)
    data = form_of(plan, **{"dose-strengthen-bird-dog": "10 each side", "reason": REASON})
    saved = client.post(f"/patients/{patient_id}/plan/edit", data=data, follow_redirects=False)
    assert saved.status_code == 303, saved.text
    assert saved.headers["location"] == f"/patients/{patient_id}/plan/history"
    after = plan_of(client, patient_id)
    assert after["version"] == 2
    assert item(after, "strengthen-bird-dog")["dose"] == "10 each side"
    # Nothing else changed: an unchanged field makes no operation.
    (entry,) = client.get(f"/api/v1/patients/{patient_id}/plan/edits").json()
    assert [c["item_id"] for c in entry["changes"]] == ["strengthen-bird-dog"]


@pytest.mark.usefixtures("assessed")
def test_the_edit_page_without_a_reason_or_a_change_says_so(
    client: TestClient, patient_id: str
) -> None:
    plan = plan_of(client, patient_id)
    no_reason = client.post(
        f"/patients/{patient_id}/plan/edit",
        data=form_of(plan, **{"dose-strengthen-bird-dog": "10 each side"}),
    )
    assert no_reason.status_code == 422
    assert "reason" in no_reason.text
    assert 'value="10 each side"' in no_reason.text  # what was typed is kept
    nothing = client.post(f"/patients/{patient_id}/plan/edit", data=form_of(plan, reason="x"))
    assert nothing.status_code == 422
    assert "operations" in nothing.text
    assert plan_of(client, patient_id)["version"] == 1


def test_the_edit_page_offers_an_override_and_records_it(
    client: TestClient, patient_id: str
) -> None:
    assess(client, patient_id, OSTEOPOROSIS)
    plan = plan_of(client, patient_id)
    data = form_of(plan, add_item="stretch-childs-pose", add_days=["mon"], reason="Supervised")
    refused = client.post(f"/patients/{patient_id}/plan/edit", data=data)
    assert refused.status_code == 422
    assert "Rule contraindication" in refused.text
    assert "I override this rule" in refused.text
    key = "contraindication|stretch-childs-pose"
    data |= {"override": [key], f"override_reason-{key}": "Cleared by her doctor"}
    saved = client.post(f"/patients/{patient_id}/plan/edit", data=data, follow_redirects=False)
    assert saved.status_code == 303, saved.text
    history = client.get(f"/patients/{patient_id}/plan/history").text
    assert "A safety rule was overridden" in history
    assert "Cleared by her doctor" in history


def test_the_edit_page_on_a_safety_plan_offers_no_override(
    client: TestClient, patient_id: str
) -> None:
    assess(client, patient_id, EMERGENCY)
    plan = plan_of(client, patient_id)
    data = form_of(plan, add_item="strengthen-glute-bridge", reason="Keep moving")
    refused = client.post(f"/patients/{patient_id}/plan/edit", data=data)
    assert refused.status_code == 422
    assert "Rule safety-plan" in refused.text
    assert "I override this rule" not in refused.text
    assert "This is a safety plan" in refused.text


@pytest.mark.usefixtures("assessed")
def test_the_edit_page_after_someone_else_saved_shows_their_version(
    app: FastAPI, client: TestClient, patient_id: str, engine: Engine
) -> None:
    make_account(engine, "mo", Role.CLINICIAN, profession=Profession.MASSAGE_THERAPIST)
    grant(engine, "mo", patient_id)
    other = client_as(app, "mo")
    plan = plan_of(client, patient_id)
    assert edit(other, patient_id, [DOSE_CHANGE], based_on=1).status_code == 201
    data = form_of(plan, **{"dose-strengthen-bird-dog": "mine", "reason": "Mine"})
    stale = client.post(f"/patients/{patient_id}/plan/edit", data=data)
    assert stale.status_code == 409
    assert "Someone else changed the plan first" in stale.text
    assert "Save as version 3" in stale.text
    assert item(plan_of(client, patient_id), "strengthen-bird-dog")["dose"] == DOSE_CHANGE["dose"]


@pytest.mark.usefixtures("assessed")
def test_the_plan_page_offers_editing_to_clinicians_only(
    app: FastAPI, client: TestClient, patient_id: str, engine: Engine
) -> None:
    assert "Change the plan" in client.get(f"/patients/{patient_id}/plan").text
    make_account(engine, "ann", Role.PERSON, patient_id=patient_id)
    person = client_as(app, "ann")
    page = person.get(f"/patients/{patient_id}/plan")
    assert "Change the plan" not in page.text
    assert "What changed and why" in page.text
    assert person.get(f"/patients/{patient_id}/plan/edit").status_code == 403


def test_there_is_no_plan_to_edit_before_the_first_assessment(
    client: TestClient, patient_id: str
) -> None:
    response = edit(client, patient_id, [DOSE_CHANGE], based_on=1)
    assert response.status_code == 422
    assert "no plan yet" in response.text
    assert client.get(f"/patients/{patient_id}/plan/edit").status_code == 404

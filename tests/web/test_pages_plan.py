"""The plan page: the week at a glance, explained items, guideline stances, safety plans."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from backcare.accounts.vocabulary import Role
from tests.web.auth_support import Made, make_account
from tests.web.conftest import TODAY
from tests.web.pages_support import context_of, emergency_patient, template_of


def page(patient_id: str, rest: str = "") -> str:
    return f"/patients/{patient_id}/plan{rest}"


@pytest.mark.usefixtures("assessed")
def test_plan_page_shows_the_week_with_today_marked(client: TestClient, patient_id: str) -> None:
    view = context_of(client.get(page(patient_id)))["view"]
    assert [day.code for day in view.week] == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    assert [day.today for day in view.week].index(True) == TODAY.weekday()
    assert all(day.items for day in view.week)  # the hamstring stretch is daily


@pytest.mark.usefixtures("assessed")
def test_every_item_card_has_steps_dose_why_and_sources(
    client: TestClient, patient_id: str
) -> None:
    view = context_of(client.get(page(patient_id)))["view"]
    exercises = next(group for group in view.groups if group.id == "exercise")
    for card in exercises.items:
        assert card.item.steps
        assert card.item.dose
        assert card.item.why
        assert card.references


@pytest.mark.usefixtures("assessed")
def test_stances_are_shown_only_where_guidelines_differ(
    client: TestClient, patient_id: str
) -> None:
    view = context_of(client.get(page(patient_id)))["view"]
    cards = {card.item.id: card for group in view.groups for card in group.items}
    acupuncture = {s.stance for s in cards["referral-acupuncture"].stances}
    assert {"do_not_offer", "recommend"} <= acupuncture
    assert cards["advice-stay-active"].stances == ()


@pytest.mark.usefixtures("assessed")
def test_not_recommended_lists_bed_rest_with_a_reason(client: TestClient, patient_id: str) -> None:
    view = context_of(client.get(page(patient_id)))["view"]
    reasons = {nr.entry.id: nr.entry.why for nr in view.not_recommended}
    assert any("bed" in key for key in reasons)
    assert all(reasons.values())


def test_earlier_versions_stay_readable(client: TestClient, assessed: dict[str, Any]) -> None:
    patient_id = assessed["assessment"]["patient_id"]
    context = context_of(client.get(page(patient_id, "?version=1")))
    assert context["version"].version == 1
    assert client.get(page(patient_id, "?version=9")).status_code == 404


def test_an_emergency_plan_is_an_instruction_not_a_plan(client: TestClient) -> None:
    response = client.get(page(emergency_patient(client)))
    assert template_of(response) == "instruction.html"
    assert context_of(response)["triage"].level == "emergency"


def test_no_plan_yet_says_how_to_get_one(client: TestClient, patient_id: str) -> None:
    assert template_of(client.get(page(patient_id))) == "no_plan.html"


def test_unknown_patient_is_a_404_page(client: TestClient) -> None:
    response = client.get(page("d" * 32))
    assert response.status_code == 404
    assert template_of(response) == "error.html"


def test_home_lists_only_the_people_in_the_clinicians_care(
    client: TestClient, patient_id: str, engine: Engine
) -> None:
    make_account(engine, "someone-else", Role.PERSON)
    context = context_of(client.get("/"))
    assert [p.id for p in context["records"]] == [patient_id]


@pytest.mark.usefixtures("patient_id")
def test_home_of_a_person_shows_only_their_own_way_in(
    person_client: TestClient, person: Made
) -> None:
    # A person's home is their today page (tests/web/test_pages_today.py): their record only.
    response = person_client.get("/")
    assert response.url.path == f"/patients/{person.patient_id}/today"
    context = context_of(response)
    assert context["patient"].id == person.patient_id
    assert not context["view"].has_plan

"""The pages anyone may open: sign-in, and the urgent advice that never needs an account."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from backcare.domain.vocabulary import Level
from backcare.knowledge.loader import Knowledge

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def test_urgent_help_is_open_to_everyone_and_lists_every_emergency_sign(
    anonymous: TestClient, knowledge: Knowledge
) -> None:
    response = anonymous.get("/urgent-help")
    assert response.status_code == 200
    shown = {rule.id for section in response.context["sections"] for rule in section["rules"]}
    emergency = {
        c.rule.id for c in knowledge.rules if c.rule.level is Level.emergency and c.rule.escalates
    }
    assert emergency
    assert emergency <= shown


def test_the_sign_in_page_names_the_emergency_signs_and_links_the_advice(
    anonymous: TestClient,
) -> None:
    page = anonymous.get("/signin").text
    assert "/urgent-help" in page
    assert "emergency number" in page


def test_sign_in_returns_only_to_a_path_on_this_site(anonymous: TestClient) -> None:
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example"):
        assert anonymous.get("/signin", params={"next": target}).context["next"] == "/"
    assert anonymous.get("/signin", params={"next": "/account"}).context["next"] == "/account"


def test_an_error_page_keeps_the_way_to_urgent_advice(client: TestClient) -> None:
    assert "/urgent-help" in client.get("/nothing-here").text

"""Pictures on the plan page and in the session: every exercise item shows its two positions."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest
from fastapi.testclient import TestClient

from backcare.knowledge.poses import PICTURED_KINDS
from tests.web.pages_support import context_of

PICTURED = {kind.value for kind in PICTURED_KINDS}


def _named_and_described(svg: str) -> bool:
    root = ET.fromstring(svg)
    return bool(root.get("role") == "img" and root.findtext("title") and root.findtext("desc"))


@pytest.mark.usefixtures("assessed")
def test_every_exercise_card_on_the_plan_shows_start_and_end(
    client: TestClient, patient_id: str
) -> None:
    response = client.get(f"/patients/{patient_id}/plan")
    cards = [card for group in context_of(response)["view"].groups for card in group.items]
    pictured = [card for card in cards if card.item.kind in PICTURED]
    assert len(pictured) >= 5
    for card in pictured:
        assert card.pictures is not None, card.item.id
        assert _named_and_described(card.pictures.start)
        assert _named_and_described(card.pictures.end)
        assert f'id="pictures-{card.item.id}"' in response.text
    assert all(card.pictures is None for card in cards if card.item.kind not in PICTURED)


def test_the_session_shows_each_items_pictures_and_a_place_for_them_in_the_player(
    client: TestClient, assessed: dict[str, Any]
) -> None:
    patient_id = assessed["assessment"]["patient_id"]
    response = client.get(f"/patients/{patient_id}/session")
    items = context_of(response)["items"]
    pictured = [s for s in items if s.item.kind in PICTURED]
    assert pictured
    for s in pictured:
        assert s.pictures is not None
        assert _named_and_described(s.pictures.start)
        assert f'id="pictures-{s.item.id}"' in response.text
    assert 'id="player-pictures"' in response.text

"""The adaptation rules as data: stable ids, words for people and clinicians, known sources."""

from __future__ import annotations

import re

from backcare.domain.adapt import RULES
from backcare.knowledge.loader import Knowledge


def test_rule_ids_are_stable_unique_and_in_order() -> None:
    ids = [rule.id for rule in RULES]
    assert all(re.fullmatch(r"AR-\d{3}", rule_id) for rule_id in ids)
    assert ids == sorted(set(ids))


def test_every_rule_explains_itself_to_people_and_clinicians() -> None:
    for rule in RULES:
        assert rule.name, rule.id
        assert rule.reason, rule.id
        assert rule.rationale, rule.id
        assert rule.inputs, rule.id


def test_every_rule_cites_known_references(knowledge: Knowledge) -> None:
    for rule in RULES:
        assert rule.references, rule.id
        assert set(rule.references) <= set(knowledge.references), rule.id

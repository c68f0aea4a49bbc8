"""Routes and de-escalations in red_flags.yaml: checked at load, so a mistake fails loudly."""

from __future__ import annotations

import copy
from importlib import resources
from typing import Any

import pytest
import yaml

from backcare.domain.vocabulary import Level, Target
from backcare.knowledge.loader import Knowledge
from backcare.knowledge.routing import RoutingError, load_de_escalations, load_routes


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    text = resources.files("backcare.knowledge").joinpath("red_flags.yaml").read_text("utf-8")
    loaded: dict[str, Any] = yaml.safe_load(text)
    return loaded


def _rules(knowledge: Knowledge) -> dict[str, Any]:
    return {rule_id: compiled.rule for rule_id, compiled in knowledge.rule_index.items()}


def test_every_rule_that_names_a_target_has_words_for_its_level(knowledge: Knowledge) -> None:
    routed = [c.rule for c in knowledge.rules if c.rule.refer_to is not None]
    assert {rule.code for rule in routed} == {
        "pregnancy_labour_or_bleeding_signs",
        "pregnancy_fever_urine_or_rib_pain",
    }
    for rule in routed:
        words = knowledge.routes[Target.maternity_unit].by_level[rule.level]
        assert "maternity unit" in f"{words.headline} {words.action}".lower()


def test_a_route_to_a_referral_of_another_target_fails_loudly(
    knowledge: Knowledge, document: dict[str, Any]
) -> None:
    routes = copy.deepcopy(document["routes"])
    routes[0]["referral"] = "referral-gp"
    with pytest.raises(RoutingError, match="catalog referral"):
        load_routes(routes, [c.rule for c in knowledge.rules], knowledge.catalog)


def test_a_rule_whose_level_has_no_route_words_fails_loudly(
    knowledge: Knowledge, document: dict[str, Any]
) -> None:
    routes = copy.deepcopy(document["routes"])
    routes[0]["levels"][0]["level"] = "urgent"
    with pytest.raises(RoutingError, match="no route gives words"):
        load_routes(routes, [c.rule for c in knowledge.rules], knowledge.catalog)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"instead": "RF-052"}, "must fire exactly on"),
        ({"rule": "RF-010"}, "must exclude"),
        ({"rule": "RF-050", "instead": "RF-053"}, "more urgent"),
        ({"rule": "RF-999"}, "unknown rule id"),
    ],
)
def test_a_de_escalation_that_disagrees_with_its_rules_fails_loudly(
    knowledge: Knowledge, document: dict[str, Any], change: dict[str, str], message: str
) -> None:
    entry = {**document["de_escalations"][0], **change}
    with pytest.raises(RoutingError, match=message):
        load_de_escalations([entry], document["define"], knowledge.compiler, _rules(knowledge))


def test_a_de_escalation_must_give_words_for_every_part(
    knowledge: Knowledge, document: dict[str, Any]
) -> None:
    entry = copy.deepcopy(document["de_escalations"][0])
    entry["parts"].pop("mild_pain_this_week")
    with pytest.raises(RoutingError, match="parts must name"):
        load_de_escalations([entry], document["define"], knowledge.compiler, _rules(knowledge))


def test_each_de_escalation_stands_a_higher_rule_down_for_a_soon_rule(
    knowledge: Knowledge,
) -> None:
    pairs = {(d.entry.rule, d.entry.instead) for d in knowledge.de_escalations}
    assert pairs == {("RF-011", "RF-053"), ("RF-021", "RF-054"), ("RF-024", "RF-055")}
    for compiled in knowledge.de_escalations:
        assert knowledge.rule_index[compiled.entry.instead].rule.level == Level.soon

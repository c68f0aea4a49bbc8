"""The adaptation thresholds are knowledge: loaded from adaptation.yaml, each with its reason
and sources, checked at load, and the rules' words quote them."""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest
import yaml

from backcare.domain.adapt import RULES
from backcare.knowledge import loader
from backcare.knowledge.loader import Knowledge, KnowledgeError


def _packaged() -> dict[str, Any]:
    text = resources.files("backcare.knowledge").joinpath("adaptation.yaml").read_text("utf-8")
    document: dict[str, Any] = yaml.safe_load(text)
    return document


def _with(name: str, **changes: Any) -> dict[str, Any]:
    document = _packaged()
    document["thresholds"][name] = {**document["thresholds"][name], **changes}
    return document


def test_every_threshold_has_a_reason_and_known_sources(knowledge: Knowledge) -> None:
    thresholds = knowledge.thresholds
    for name in type(thresholds).model_fields:
        entry = getattr(thresholds, name)
        assert entry.why, name
        assert entry.unit, name
        assert set(entry.sources) <= set(knowledge.references), name


def test_the_packaged_values_are_the_ones_the_sources_give(knowledge: Knowledge) -> None:
    values = knowledge.thresholds.values()
    assert values["pain_important_points"] == 2.0  # OSTELO-2008
    assert values["pain_important_share"] == 0.30  # OSTELO-2008
    assert values["high_pain_level"] == 8  # BOONSTRA-2016: 8 and over is severe
    assert values["recurrent_flares"] == 3
    assert values["recurrent_flare_days"] == 28


def test_an_unknown_source_fails_loudly(knowledge: Knowledge) -> None:
    bad = _with("high_pain_level", sources=["MADE-UP"])
    with pytest.raises(KnowledgeError, match="MADE-UP"):
        loader._thresholds(bad, knowledge.references)


@pytest.mark.parametrize(
    ("name", "value"),
    [("pain_important_share", 1.5), ("high_pain_level", 11), ("min_readings", 0)],
)
def test_a_value_out_of_range_fails_loudly(knowledge: Knowledge, name: str, value: float) -> None:
    with pytest.raises(KnowledgeError, match=name):
        loader._thresholds(_with(name, value=value), knowledge.references)


def test_thresholds_that_contradict_each_other_fail_loudly(knowledge: Knowledge) -> None:
    with pytest.raises(KnowledgeError, match="simplify_adherence must be below"):
        loader._thresholds(_with("simplify_adherence", value=0.8), knowledge.references)


def test_a_missing_threshold_fails_loudly(knowledge: Knowledge) -> None:
    document = _packaged()
    del document["thresholds"]["trend_days"]
    with pytest.raises(KnowledgeError, match="trend_days"):
        loader._thresholds(document, knowledge.references)


def test_every_rules_words_fill_in_from_the_thresholds(knowledge: Knowledge) -> None:
    values = knowledge.thresholds.values()
    for rule in RULES:
        words = rule.words(values)
        assert "{" not in words, rule.id
        assert "{" not in rule.rationale.format_map(values), rule.id

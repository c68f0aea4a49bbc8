"""`backcare rules list` / `rules show`: every rule of the three families, readable by id."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from backcare.cli.main import app
from backcare.domain.adapt.rules import RULES as ADAPTATION_RULES
from backcare.domain.rule_cards import rule_cards
from backcare.knowledge.loader import Knowledge

runner = CliRunner()


def test_the_list_holds_every_red_flag_adaptation_and_referral_rule(knowledge: Knowledge) -> None:
    result = runner.invoke(app, ["rules", "list"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    ids = [
        *(compiled.rule.id for compiled in knowledge.rules),
        *(rule.id for rule in ADAPTATION_RULES),
        *(compiled.rule.id for compiled in knowledge.referral_rules),
    ]
    assert [card.id for card in rule_cards(knowledge)] == ids
    for rule_id in ids:
        assert rule_id in result.output


@pytest.mark.parametrize(
    ("rule_id", "condition", "source", "case"),
    [
        ("RF-024", '"fracture_suspected"', "DOWNIE-2013", "tests/rules/test_red_flag_rules.py"),
        ("ar-003", "importantly worse (2 points", "OSTELO-2008", "test_ar003_pain_worsening.py"),
        ("PR-001", '"triage_level", "soon"', "REGIONAL-BACK-PATHWAY", "cases/PR-001.yaml"),
        (
            "pr-010",
            'where beyond_acute = {"not": {"is": ["phase", "acute"]}}',
            "IFOMPT-2020",
            "cases/PR-010.yaml",
        ),
    ],
)
def test_show_prints_the_condition_the_sources_and_the_cases_naming_the_rule(
    knowledge: Knowledge, rule_id: str, condition: str, source: str, case: str
) -> None:
    result = runner.invoke(app, ["rules", "show", rule_id], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    card = next(c for c in rule_cards(knowledge) if c.id == rule_id.upper())
    assert f"{card.id} ({card.family})" in result.output
    assert f"Condition: {card.condition}" in result.output
    assert condition in result.output
    assert card.sources, card.id
    for ref in card.sources:
        assert f"{ref}: {knowledge.references[ref].title}" in result.output
    assert source in result.output
    assert case in result.output.split("Cases and tests naming it:")[1]


def test_an_unknown_rule_exits_2_with_a_sentence() -> None:
    result = runner.invoke(app, ["rules", "show", "RF-999"])
    assert result.exit_code == 2
    assert "There is no rule 'RF-999'" in result.output
    assert "Traceback" not in result.output

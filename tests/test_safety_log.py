"""SAFETY.md stays in step with the rules: every red-flag rule id has a line there."""

from __future__ import annotations

from pathlib import Path

from backcare.knowledge.loader import Knowledge

SAFETY = Path(__file__).parents[1] / "SAFETY.md"


def test_every_red_flag_rule_is_in_the_hazard_log(knowledge: Knowledge) -> None:
    text = SAFETY.read_text(encoding="utf-8")
    missing = [c.rule.id for c in knowledge.rules if f"{c.rule.id} `{c.rule.code}`" not in text]
    assert not missing

"""`backcare triage --clinician`: the reasoning for a clinician, the person's JSON unchanged."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from backcare.cli.main import app
from backcare.engine import default_knowledge

runner = CliRunner()
ANEURYSM = "examples/known-aneurysm-unchanged-pain.json"
# Contract 2's keys; other tools rely on exactly these.
TRIAGE_KEYS = {
    "level",
    "red_flags",
    "action",
    "headline",
    "timeframe",
    "rules_version",
    "disclaimer",
}
FLAG_KEYS = {"id", "code", "level", "label", "reason", "escalates", "evidence"}


def _json(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["triage", *args])
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_default_triage_json_keeps_exactly_the_contract_keys() -> None:
    document = _json(ANEURYSM, "--json")
    assert set(document) == TRIAGE_KEYS
    assert all(set(flag) == FLAG_KEYS for flag in document["red_flags"])


def test_clinician_json_is_the_contract_document_plus_one_key() -> None:
    plain = _json(ANEURYSM, "--json")
    with_view = _json(ANEURYSM, "--json", "--clinician")
    view = with_view.pop("clinician")
    assert with_view == plain
    assert view["level"] == plain["level"]


def test_clinician_json_gives_each_fired_rule_its_rationale_answers_and_sources() -> None:
    document = _json(ANEURYSM, "--json", "--clinician")
    knowledge = default_knowledge()
    rules = document["clinician"]["rules"]
    assert [r["id"] for r in rules] == [flag["id"] for flag in document["red_flags"]]
    for rule in rules:
        declared = knowledge.rule_index[rule["id"]].rule
        assert rule["rationale"] == declared.rationale
        assert list(rule["answers"]) == declared.inputs
        assert [s["id"] for s in rule["sources"]] == declared.evidence
        assert all(s["url"].startswith("http") and s["title"] for s in rule["sources"])


def test_clinician_json_says_which_higher_rule_stood_down_and_why() -> None:
    view = _json(ANEURYSM, "--json", "--clinician")["clinician"]
    (note,) = view["de_escalations"]
    assert (note["rule"], note["instead"], note["applied"]) == ("RF-011", "RF-053", True)
    assert all(part["holds"] for part in note["parts"])


def test_readable_clinician_view_shows_rationale_sources_and_lower_levels() -> None:
    result = runner.invoke(app, ["triage", ANEURYSM, "--clinician"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for words in ("For clinicians: rules that fired", "RF-053", "NICE-NG156", "Lower levels"):
        assert words in result.stdout


def test_readable_triage_without_the_flag_shows_no_clinician_tables() -> None:
    result = runner.invoke(app, ["triage", ANEURYSM], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "For clinicians" not in result.stdout


def test_clinician_view_refuses_bad_input_with_exit_2() -> None:
    result = runner.invoke(app, ["triage", "-", "--clinician"], input='{"age": 40}')
    assert result.exit_code == 2
    assert "duration_weeks" in result.output

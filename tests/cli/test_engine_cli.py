"""The engine's command line: contract JSON out, plain errors with exit code 2 in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from backcare.cli.main import app
from backcare.domain.plan_model import Plan, TriageResult
from tests.scripted_answers import CALM, cli_script

EXAMPLES = sorted(Path(__file__).parents[2].joinpath("examples").glob("*.json"))
runner = CliRunner()


def test_triage_json_follows_contract_2() -> None:
    result = runner.invoke(app, ["triage", "examples/emergency-cauda-equina.json", "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    TriageResult.model_validate(document)
    assert document["level"] == "emergency"
    assert {"code", "label", "reason", "evidence"} <= set(document["red_flags"][0])


def test_plan_reads_standard_input() -> None:
    intake = json.dumps({"age": 35, "duration_weeks": 2, "pain_now": 4})
    result = runner.invoke(app, ["plan", "-", "--json"], input=intake)
    assert result.exit_code == 0, result.output
    assert Plan.model_validate(json.loads(result.stdout)).triage.level.value == "self_care"


def test_every_example_gives_a_valid_plan_and_all_levels_are_shown() -> None:
    assert len(EXAMPLES) >= 6
    result = runner.invoke(app, ["plan", *map(str, EXAMPLES), "--json"])
    assert result.exit_code == 0, result.output
    plans = [Plan.model_validate(doc) for doc in json.loads(result.stdout)]
    assert {p.triage.level.value for p in plans} == {"emergency", "urgent", "soon", "self_care"}


def test_plan_for_a_wheelchair_user_keeps_every_exercise_seated_and_rule_ids_apart() -> None:
    result = runner.invoke(app, ["plan", "examples/wheelchair-chronic.json", "--json"])
    assert result.exit_code == 0, result.output
    plan = Plan.model_validate(json.loads(result.stdout))
    ids = {item.id for item in plan.items}
    assert {"aerobic-seated", "aerobic-swimming", "referral-combined-programme"} <= ids
    assert {"advice-stop-smoking", "advice-healthy-weight", "advice-return-to-work"} <= ids
    assert not ids & {"aerobic-walking", "strengthen-bird-dog", "stretch-hamstring-towel"}
    combined = next(item for item in plan.items if item.id == "referral-combined-programme")
    assert combined.rule == "PR-014"
    assert "PR-" not in result.stdout.replace('"rule": "PR-', "")


def test_readable_plan_shows_the_week_and_what_is_not_recommended() -> None:
    result = runner.invoke(app, ["plan", "examples/sciatica.json"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Your week" in result.stdout
    assert "Not recommended" in result.stdout


@pytest.mark.parametrize(
    ("payload", "words"),
    [
        ('{"age": 40, "duration_weeks": 2, "pain_now": 14}', "pain_now"),
        ('{"age": 40, "duration_weeks": 2}', "pain_now"),
        ('{"age": 12, "duration_weeks": 2, "pain_now": 3}', "doctor"),
        ('{"age": 40, "duration_weeks": 2, "pain_now": 3, "mood": 1}', "mood"),
        ("{not json", "not valid JSON"),
        ("[1, 2]", "JSON object"),
    ],
)
def test_bad_input_exits_2_with_a_sentence_naming_the_problem(payload: str, words: str) -> None:
    result = runner.invoke(app, ["plan", "-", "--json"], input=payload)
    assert result.exit_code == 2
    assert words in result.stderr
    assert "Traceback" not in result.output


def test_a_missing_file_exits_2() -> None:
    result = runner.invoke(app, ["triage", "no-such-file.json"])
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_catalog_list_and_show() -> None:
    listed = runner.invoke(app, ["catalog", "list", "--kind", "stretch"], env={"COLUMNS": "200"})
    assert listed.exit_code == 0
    assert "stretch-hamstring-towel" in listed.stdout
    shown = runner.invoke(app, ["catalog", "show", "stretch-hamstring-towel"])
    assert shown.exit_code == 0
    assert "1." in shown.stdout
    missing = runner.invoke(app, ["catalog", "show", "no-such-item"])
    assert missing.exit_code == 2


def test_assess_stops_early_for_an_emergency_and_saves_the_answers(tmp_path: Path) -> None:
    out = tmp_path / "intake.json"
    warning = {**CALM, "numbness": ["saddle"], "warning_symptoms_onset": "new_or_worsening"}
    required = "50\n1\n6\n"  # age, weeks, pain now: the intake needs them to be saved
    result = runner.invoke(
        app, ["assess", "--out", str(out)], input=cli_script(warning, warning_only=True) + required
    )
    assert result.exit_code == 0, result.output
    assert "Stop here" in result.stdout
    saved = json.loads(out.read_text())
    assert saved["numbness"] == ["saddle"]
    assert "preferences" not in saved
    assert "emergency department" in result.stdout.lower()


def test_assess_full_questionnaire_gives_a_self_care_plan(tmp_path: Path) -> None:
    out = tmp_path / "intake.json"
    answers = {**CALM, "age": 35, "preferences": {"minutes_per_day": 20}}
    result = runner.invoke(app, ["assess", "--out", str(out)], input=cli_script(answers))
    assert result.exit_code == 0, result.output
    saved = json.loads(out.read_text())
    assert saved["age"] == 35
    assert saved["preferences"]["minutes_per_day"] == 20
    assert "No warning signs" in result.stdout


def test_an_intake_nested_1000_deep_exits_2_naming_the_field() -> None:
    intake = '{"age": 45, "preferences": ' + "[" * 1000 + "]" * 1000 + "}"
    result = runner.invoke(app, ["plan", "-", "--json"], input=intake)
    assert result.exit_code == 2
    assert "standard input: preferences: nested more than" in result.stderr
    assert "Traceback" not in result.output

"""`backcare assess` asks the one questionnaire: warning signs first, each one answered."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from backcare.cli.main import app
from backcare.cli.questionnaire import NEEDS_ANSWER
from backcare.domain.questionnaire import SECTIONS, all_questions, questions_shown
from tests.scripted_answers import CALM, MAN_WITHOUT_LEG_PAIN, PREGNANT_WITH_LEG_PAIN, cli_script

runner = CliRunner()


def _plain(text: str) -> str:
    """Rich wraps long lines at the terminal width; compare words, not line breaks."""
    return " ".join(text.split())


def _assess(script: str, out: Path) -> Any:
    return runner.invoke(app, ["assess", "--out", str(out)], input=script)


def asked_in(output: str) -> list[str]:
    """The intake fields whose question text the output shows."""
    shown = _plain(output)
    return [q.path for q in all_questions() if _plain(q.text) in shown]


def test_no_question_text_hides_inside_another() -> None:
    texts = [_plain(q.text) for q in all_questions()]
    assert len(set(texts)) == len(texts)
    assert not [(a, b) for a in texts for b in texts if a != b and a in b]


@pytest.mark.parametrize(
    "answers", [PREGNANT_WITH_LEG_PAIN, MAN_WITHOUT_LEG_PAIN], ids=["pregnant", "man"]
)
def test_assess_asks_exactly_the_questions_of_the_definition(
    answers: dict[str, Any], tmp_path: Path
) -> None:
    out = tmp_path / "intake.json"
    result = _assess(cli_script(answers), out)
    assert result.exit_code == 0, result.output
    assert asked_in(result.stdout) == [q.path for q in questions_shown(answers)]


def test_the_answers_typed_are_the_answers_saved(tmp_path: Path) -> None:
    out = tmp_path / "intake.json"
    result = _assess(cli_script(PREGNANT_WITH_LEG_PAIN), out)
    assert result.exit_code == 0, result.output
    saved = json.loads(out.read_text())
    assert saved["pregnancy_weeks"] == 14
    assert saved["age_at_onset"] == 30
    assert saved["better_with_anti_inflammatories"] is True
    assert saved["conditions"] == ["knee_problem", "raynauds"]
    assert saved["outlook"] == {"worry": True, "bothersomeness": "moderately"}
    assert saved["preferences"]["equipment"] == ["mat", "towel"]
    assert saved["preferences"]["work"] == "desk"


def test_enter_on_a_warning_question_is_asked_again_and_never_taken_as_no(
    tmp_path: Path,
) -> None:
    out = tmp_path / "intake.json"
    script = cli_script(CALM)
    assert script.startswith("no\n")  # the bladder question comes first
    result = _assess("\n" + script, out)
    assert result.exit_code == 0, result.output
    shown = _plain(result.stdout)
    bladder = _plain(next(iter(all_questions())).text)
    assert shown.count(bladder) == 2
    assert shown.index(NEEDS_ANSWER) > shown.index(bladder)


def test_every_warning_question_comes_before_the_stop_and_nothing_optional_after_it(
    tmp_path: Path,
) -> None:
    out = tmp_path / "intake.json"
    warning = {**CALM, "numbness": ["saddle"], "warning_symptoms_onset": "new_or_worsening"}
    result = _assess(cli_script(warning, warning_only=True) + "50\n1\n6\n", out)
    assert result.exit_code == 0, result.output
    asked = asked_in(result.stdout)
    warnings = [
        q.path
        for s in SECTIONS
        if s.warning and s.applies(warning)
        for q in s.questions
        if q.shown(warning)
    ]
    assert asked == [*warnings, "age", "duration_weeks", "pain_now"]


def test_long_standing_changes_are_not_an_emergency_and_the_questions_go_on(
    tmp_path: Path,
) -> None:
    out = tmp_path / "intake.json"
    answers = {**CALM, "numbness": ["saddle"], "warning_symptoms_onset": "stable_over_2_weeks"}
    result = _assess(cli_script(answers), out)
    assert result.exit_code == 0, result.output
    assert "Stop here" not in result.stdout
    assert asked_in(result.stdout) == [q.path for q in questions_shown(answers)]


def test_a_worst_pain_below_pain_now_is_explained_and_asked_again(tmp_path: Path) -> None:
    out = tmp_path / "intake.json"
    lines = cli_script({**CALM, "pain_worst_week": 2}).split("\n")
    at = lines.index("2", lines.index("45"))  # the worst pain, after the age
    lines.insert(at + 1, "7")  # the section's last question: the worst pain is asked again
    result = _assess("\n".join(lines), out)
    assert result.exit_code == 0, result.output
    assert "worst pain this week cannot be below" in _plain(result.stdout)
    assert json.loads(out.read_text())["pain_worst_week"] == 7


def test_answers_that_end_early_exit_2_with_a_sentence(tmp_path: Path) -> None:
    result = _assess("no\nno\n", tmp_path / "intake.json")
    assert result.exit_code == 2
    assert "ended before the questions did" in result.stderr
    assert "Traceback" not in result.output


def test_an_emergency_answer_after_the_warning_signs_also_stops_the_questions(
    tmp_path: Path,
) -> None:
    out = tmp_path / "intake.json"
    answers = {**CALM, "conditions": ["aortic_aneurysm"]}
    script = cli_script(answers)
    result = _assess(script, out)
    assert result.exit_code == 0, result.output
    assert "Stop here" in result.stdout
    asked = asked_in(result.stdout)
    assert asked[-1] == "conditions"
    assert "preferences.minutes_per_day" not in asked
    assert json.loads(out.read_text())["conditions"] == ["aortic_aneurysm"]


def test_a_required_number_left_empty_is_asked_again(tmp_path: Path) -> None:
    out = tmp_path / "intake.json"
    lines = cli_script(CALM).split("\n")
    at = lines.index("45")  # the age
    lines.insert(at, "")
    result = _assess("\n".join(lines), out)
    assert result.exit_code == 0, result.output
    assert "Please give a number from 0 to 120." in _plain(result.stdout)
    assert json.loads(out.read_text())["age"] == 45

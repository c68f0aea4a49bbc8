"""The interactive check-in: warning symptoms need a typed yes or no (SAFETY.md H-130)."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from rich.console import Console

from backcare.cli.checkin_prompt import ask_checkin
from backcare.cli.questionnaire import NEEDS_ANSWER
from backcare.tracking.vocabulary import WARNING_QUESTIONS, WarningSymptom


def _typed(monkeypatch: pytest.MonkeyPatch, lines: list[str]) -> None:
    answers: Iterator[str] = iter(lines)
    monkeypatch.setattr("builtins.input", lambda *_: next(answers))


def test_enter_on_a_warning_symptom_is_asked_again_never_taken_as_no(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    warnings = ["no"] * len(WARNING_QUESTIONS)
    codes = list(WARNING_QUESTIONS)
    saddle = codes.index(WarningSymptom.saddle_numbness)
    warnings[saddle] = "yes"
    # Enter alone on the first warning question: asked again, then answered "no".
    _typed(monkeypatch, ["4", "0", "0", "n", "", *warnings, ""])
    out = io.StringIO()
    answers = ask_checkin(Console(file=out, width=200))
    assert answers["warnings"] == [WarningSymptom.saddle_numbness.value]
    assert NEEDS_ANSWER in out.getvalue()


def test_every_warning_question_says_it_needs_an_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    _typed(monkeypatch, ["2", "1", "10", "n", *(["no"] * len(WARNING_QUESTIONS)), ""])
    out = io.StringIO()
    answers = ask_checkin(Console(file=out, width=300))
    assert answers["warnings"] == []
    assert out.getvalue().count("(yes/no): ") == len(WARNING_QUESTIONS)
    assert "Enter for no" not in out.getvalue()

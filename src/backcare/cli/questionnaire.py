"""`backcare assess` asking the questionnaire (``domain/questionnaire.py``) one question at a time.

Warning-sign questions need an answer: pressing Enter there is never taken as "no", the
question is asked again with a sentence saying so (SAFETY.md H-60). Elsewhere Enter keeps the
intake's default, which the prompt shows.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.markup import escape

from backcare.cli.errors import InputProblem
from backcare.domain.questionnaire import PLACEHOLDERS, SECTIONS, all_questions, answer_problems
from backcare.domain.questions import Answers, AnswerType, Question, Section, answer_at, put_answer
from backcare.domain.vocabulary import Level

NEEDS_ANSWER = "Please answer this one: it is about a warning sign, so Enter alone is not 'no'."
_YES, _NO = frozenset({"y", "yes"}), frozenset({"n", "no"})


class Asker:
    """Asks questions at the terminal and keeps the answers, nested as the intake nests them."""

    def __init__(self, console: Console, read: Callable[[str], str] | None = None) -> None:
        self.console = console
        self.answers: Answers = {}
        self._read = read or console.input

    def section(self, section: Section) -> None:
        """Ask every question of ``section`` that applies, then again any the intake refuses."""
        self.console.print(f"\n[bold]{escape(section.title)}[/]\n{escape(section.intro)}")
        for question in section.questions:
            if question.shown(self.answers):
                self.question(question, warning=section.warning)
        while problems := _problems_in(section, self.answers):
            for path, message in problems.items():
                self.console.print(f"[red]{escape(message)}[/]")
                asked = next(q for q in section.questions if q.path == path)
                self.question(asked, warning=section.warning)

    def question(self, question: Question, *, warning: bool) -> None:
        """Ask one question and keep its answer."""
        put_answer(self.answers, question.path, self._answer(question, warning=warning))

    def _answer(self, question: Question, *, warning: bool) -> Any:
        if question.answer == AnswerType.yes_no:
            return self._yes_no(question.text, must=question.must_answer, default=question.default)
        if question.answer == AnswerType.one_choice:
            return self._one_choice(question)
        if question.answer == AnswerType.several_choices:
            return self._each_choice(question) if warning else self._several_choices(question)
        return self._number(question)

    def must_yes_no(self, text: str) -> bool:
        """A warning-sign question on its own: yes or no must be typed, Enter asks again."""
        return self._yes_no(text, must=True, default=None)

    def _line(self, prompt: str) -> str:
        try:
            return self._read(prompt).strip()
        except EOFError:
            raise InputProblem("the answers ended before the questions did") from None

    def _yes_no(self, text: str, *, must: bool, default: Any) -> bool:
        hint = "" if must else f", Enter for {'yes' if default else 'no'}"
        while True:
            raw = self._line(f"{escape(text)} (yes/no{hint}): ").lower()
            if raw in _YES or raw in _NO:
                return raw in _YES
            if raw == "" and not must:
                return bool(default)
            self.console.print(f"[red]{NEEDS_ANSWER if raw == '' else 'Please type yes or no.'}[/]")

    def _one_choice(self, question: Question) -> str | None:
        self.console.print(escape(question.text))
        self._list(question)
        codes = [c.value for c in question.choices]
        hint = "" if question.must_answer else _enter_hint(question)
        while True:
            raw = self._line(f"Type a number{hint}: ")
            if raw == "" and not question.must_answer:
                return None if question.default is None else str(question.default)
            chosen = _pick(raw, codes)
            if chosen is not None:
                return chosen
            sentence = (
                NEEDS_ANSWER if raw == "" else f"Please type a number from 1 to {len(codes)}."
            )
            self.console.print(f"[red]{sentence}[/]")

    def _each_choice(self, question: Question) -> list[str]:
        """In a warning section each choice is its own yes/no question, all needing an answer."""
        self.console.print(escape(question.text))
        return [
            c.value
            for c in question.choices
            if self._yes_no(f"  {c.label}?", must=True, default=None)
        ]

    def _several_choices(self, question: Question) -> list[str]:
        self.console.print(escape(question.text))
        self._list(question)
        codes = [c.value for c in question.choices]
        while True:
            raw = self._line("Type the numbers that apply, with spaces between (Enter for none): ")
            picked = [_pick(part, codes) for part in raw.replace(",", " ").split()]
            if None not in picked:
                return list(dict.fromkeys(p for p in picked if p is not None))
            self.console.print(f"[red]Please type numbers from 1 to {len(codes)}.[/]")

    def _number(self, question: Question) -> int | float | None:
        must = question.must_answer
        low = -math.inf if question.low is None else question.low
        high = math.inf if question.high is None else question.high
        span = f"{low:g} to {high:g}"
        hint = "" if must else _enter_hint(question)
        while True:
            raw = self._line(f"{escape(question.text)} ({span}{hint}): ")
            if raw == "" and not must:
                return _number(str(question.default), decimals=question.decimals)
            value = _number(raw, decimals=question.decimals)
            if value is not None and low <= value <= high:
                return value
            self.console.print(f"[red]Please give a number from {span}.[/]")

    def _list(self, question: Question) -> None:
        for number, choice in enumerate(question.choices, start=1):
            self.console.print(f"  {number}. {escape(choice.label)}")


def ask_everything(console: Console) -> Answers:
    """Every section that applies, in order; an emergency stops the questions early."""
    console.print("[bold]First, some questions about warning signs.[/]")
    asker = Asker(console)
    for position, section in enumerate(SECTIONS):
        if not section.applies(asker.answers):
            continue
        asker.section(section)
        if _warning_block_goes_on(position, asker.answers):
            continue
        if emergency_so_far(asker.answers):
            console.print("[bold white on red] Stop here: this needs a doctor now. [/]")
            _ask_required(asker)
            break
    return asker.answers


def _warning_block_goes_on(position: int, answers: Answers) -> bool:
    """The warning sections are checked as one block, so a follow-up (when the bladder or
    numbness changes began) is never skipped by a stop after the first of them."""
    following = next((s for s in SECTIONS[position + 1 :] if s.applies(answers)), None)
    return SECTIONS[position].warning and following is not None and following.warning


def _ask_required(asker: Asker) -> None:
    """The few answers an intake cannot be saved without (age, duration, pain now)."""
    for question in all_questions():
        if question.required and answer_at(asker.answers, question.path) is None:
            asker.question(question, warning=False)


def emergency_so_far(answers: Answers) -> bool:
    """Whether the answers so far already mean an emergency."""
    from backcare.engine import triage_document  # lazy: keeps the CLI quick to start

    provisional = {**PLACEHOLDERS, **answers}
    return bool(triage_document(provisional)["level"] == Level.emergency.value)


def _problems_in(section: Section, answers: Answers) -> dict[str, str]:
    problems = answer_problems(answers)
    return {path: problems[path] for path in section.paths if path in problems}


def _enter_hint(question: Question) -> str:
    if question.default is None:
        return ", Enter to skip"
    label = next((c.label for c in question.choices if c.value == question.default), None)
    return f", Enter for {label or question.default}"


def _pick(raw: str, codes: list[str]) -> str | None:
    """The code chosen by its number in the list, or typed as the code itself."""
    if raw.isdigit() and 1 <= int(raw) <= len(codes):
        return codes[int(raw) - 1]
    return raw if raw in codes else None


def _number(raw: str, *, decimals: bool) -> int | float | None:
    try:
        return float(raw) if decimals else int(raw)
    except ValueError:
        return None

"""The interactive check-in: a few plain questions, warning symptoms asked one by one.

Each warning symptom needs a typed yes or no, as in the web form: Enter alone asks again
(SAFETY.md H-130), so a tired press of Enter never records "no" to a sign that needs a doctor.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.prompt import Confirm, IntPrompt, Prompt

from backcare.cli.questionnaire import Asker
from backcare.tracking.vocabulary import WARNING_QUESTIONS

PAIN_MAX = 10


def ask_checkin(console: Console) -> dict[str, Any]:
    """Ask for today's check-in and return the answers for CheckInCreate."""
    answers: dict[str, Any] = {
        "pain_now": _ask_range(console, "How bad is your back pain right now (0-10)?", PAIN_MAX),
        "sessions_done": _ask_range(
            console, "How many exercise sessions did you do today?", 20, default=0
        ),
        "minutes": _ask_range(console, "How many minutes did they take in all?", 1440, default=0),
        "flare_up": Confirm.ask("Are you in a flare-up?", default=False, console=console),
    }
    console.print("[bold]Since your last check-in (each needs a yes or a no):[/]")
    asker = Asker(console)
    answers["warnings"] = [
        code.value for code, question in WARNING_QUESTIONS.items() if asker.must_yes_no(question)
    ]
    answers["notes"] = Prompt.ask("Anything else to note?", default="", console=console)
    return answers


def _ask_range(console: Console, question: str, highest: int, default: int | None = None) -> int:
    """Ask until the answer is a whole number from 0 to ``highest`` (pain has no default)."""
    while True:
        if default is None:
            value = IntPrompt.ask(question, console=console)
        else:
            value = IntPrompt.ask(question, default=default, console=console)
        if 0 <= value <= highest:
            return value
        console.print(f"[red]Please give a whole number from 0 to {highest}.[/]")

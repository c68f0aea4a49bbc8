"""The intake wizard: one step per questionnaire section, then the name to show the plan under.

The sections, their order and their questions come from ``domain/questionnaire.py`` (warning
signs first); this module only adds the last, web-only step. The answers so far travel with
the form (one hidden JSON field), so any worker can serve the next step and nothing is kept on
the server until the person finishes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from backcare.domain.questionnaire import SECTIONS
from backcare.domain.questions import Section
from backcare.patients.schemas import PatientCreate
from backcare.web.forms import Question, text_question, web_question

Answers = dict[str, Any]
NAME = "display_name"


@dataclass(frozen=True, slots=True)
class Step:
    """One screen of the wizard: a questionnaire section, or the name (``section`` None)."""

    id: str
    title: str
    intro: str
    section: Section | None = None

    @property
    def warning(self) -> bool:
        return self.section is not None and self.section.warning

    @property
    def fields(self) -> tuple[str, ...]:
        return self.section.paths if self.section is not None else (NAME,)

    def applies(self, answers: Answers) -> bool:
        return self.section is None or self.section.applies(answers)

    def questions(self, answers: Answers) -> tuple[Question, ...]:
        """The controls this page draws, given the answers so far."""
        if self.section is None:
            return (text_question(PatientCreate, NAME),)
        return tuple(web_question(q) for q in self.section.on_one_page(answers))


def _step(section: Section) -> Step:
    return Step(section.id, section.title, section.intro, section)


NAME_STEP = Step(
    "name", "Your name", "Last step. The name is only used to show your plan back to you."
)
STEPS: tuple[Step, ...] = (*(_step(s) for s in SECTIONS), NAME_STEP)


def step_by_id(step_id: str) -> Step | None:
    return next((step for step in STEPS if step.id == step_id), None)


def next_step(current: Step | None, answers: Answers) -> Step | None:
    """The step after ``current`` (the first when None) that applies; None at the end."""
    start = 0 if current is None else STEPS.index(current) + 1
    return next((step for step in STEPS[start:] if step.applies(answers)), None)


def position(step: Step, answers: Answers) -> tuple[int, int]:
    """This step's number and how many steps apply to these answers (for 'Step 3 of 14')."""
    applying = [s for s in STEPS if s.applies(answers) or s is step]
    return applying.index(step) + 1, len(applying)

"""The intake wizard: short steps, warning signs first, each answer checked as it is given.

The answers so far travel with the form (one hidden JSON field), so any worker can serve the
next step and nothing is kept on the server until the person finishes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from backcare.domain.intake import Intake, Outlook, Preferences
from backcare.patients.schemas import PatientCreate
from backcare.web.forms import Question, question_for

Answers = dict[str, Any]
Applies = Callable[[Answers], bool]

# Stand-ins for required answers not given yet, so the warning answers can be triaged at once.
# A long duration keeps a stand-in from making any symptom look new (as the CLI does).
PLACEHOLDERS: Answers = {"age": 40, "duration_weeks": 52, "pain_now": 0}
_CES = {"saddle", "both_legs"}


def _always(_answers: Answers) -> bool:
    return True


def _ces_features(answers: Answers) -> bool:
    numbness = set(answers.get("numbness") or [])
    return bool(
        numbness & _CES
        or answers.get("bladder_bowel_change")
        or answers.get("sexual_function_change")
    )


def _has_leg_pain(answers: Answers) -> bool:
    return bool(answers.get("leg_pain", "none") != "none")


def _could_be_pregnant(answers: Answers) -> bool:
    return bool(answers.get("sex") != "male")


@dataclass(frozen=True, slots=True)
class Step:
    """One screen of the wizard."""

    id: str
    title: str
    intro: str
    fields: tuple[str, ...]
    model: type[BaseModel] = Intake
    prefix: str = ""
    warning: bool = False
    applies: Applies = _always

    def questions(self) -> tuple[Question, ...]:
        return tuple(question_for(self.model, name, prefix=self.prefix) for name in self.fields)


_WARNING_INTRO = (
    "First, a few questions about signs that need a doctor quickly. Most people answer no to "
    "all of them. Please answer each one."
)
STEPS: tuple[Step, ...] = (
    Step(
        "bladder",
        "Bladder, bowel and numbness",
        _WARNING_INTRO,
        ("bladder_bowel_change", "numbness", "sexual_function_change"),
        warning=True,
    ),
    Step(
        "onset",
        "When those changes started",
        "This tells us how quickly you need to be seen.",
        ("warning_symptoms_onset",),
        warning=True,
        applies=_ces_features,
    ),
    Step(
        "legs",
        "Your legs",
        "Pain, numbness or weakness in the legs can come from a nerve in the back.",
        ("leg_pain", "leg_symptoms_worsening", "leg_weakness"),
        warning=True,
    ),
    Step(
        "unwell",
        "How you feel in yourself",
        "Back pain with a fever or feeling unwell needs a doctor to check for infection.",
        ("fever", "feels_unwell", "cancer_history"),
        warning=True,
    ),
    Step(
        "injury",
        "Injury and sudden pain",
        "Last of the warning-sign questions.",
        (
            "trauma",
            "unable_to_walk_or_bear_weight",
            "sudden_severe_onset",
            "abdominal_or_groin_pain",
        ),
        warning=True,
    ),
    Step(
        "about",
        "About you and your pain",
        "Now some questions about you and this episode of back pain.",
        ("age", "duration_weeks", "pain_now", "pain_worst_week", "sex"),
    ),
    Step(
        "pregnancy",
        "Pregnancy",
        "Some exercises are changed or left out in pregnancy.",
        ("pregnant", "pregnancy_weeks"),
        applies=_could_be_pregnant,
    ),
    Step(
        "leg-detail",
        "More about the leg pain",
        "This helps tell nerve pain from back pain.",
        ("leg_pain_below_knee", "leg_pain_worse_than_back"),
        applies=_has_leg_pain,
    ),
    Step(
        "health",
        "More about your health",
        "These help us check for rarer causes of back pain.",
        (
            "urinary_burning_or_frequency",
            "iv_drug_use",
            "immunosuppressed",
            "recent_infection_or_spinal_procedure",
            "unexplained_weight_loss",
            "constant_night_pain",
            "thoracic_pain",
        ),
    ),
    Step(
        "bones",
        "Bones and medicines",
        "Thin bones or long use of steroids change which exercises are safe.",
        ("osteoporosis", "long_term_steroids"),
    ),
    Step(
        "pattern",
        "The pattern of your pain",
        "Stiffness and night pain can point to an inflammatory kind of back pain.",
        (
            "morning_stiffness_minutes",
            "better_with_movement_than_rest",
            "wakes_second_half_of_night",
            "alternating_buttock_pain",
        ),
    ),
    Step(
        "history",
        "Your back pain so far",
        "This helps us judge how long recovery may take.",
        ("previous_episodes", "treatment_not_helped", "off_work_because_of_pain", "smoker"),
    ),
    Step(
        "conditions",
        "Other health conditions",
        "Tick any that apply. Leave them all unticked if none do.",
        ("conditions",),
    ),
    Step(
        "outlook",
        "How the pain is affecting you",
        "Pain affects how we feel, and how we feel affects pain. These answers help us suggest "
        "the right support.",
        ("fear_of_movement", "worry", "low_mood", "bothersomeness"),
        model=Outlook,
        prefix="outlook.",
    ),
    Step(
        "preferences",
        "Fitting the plan into your life",
        "Your plan will only use the time and things you have.",
        (
            "minutes_per_day",
            "days_per_week",
            "equipment",
            "partner_available",
            "activities",
            "work",
        ),
        model=Preferences,
        prefix="preferences.",
    ),
    Step(
        "name",
        "Your name",
        "Last step. The name is only used to show your plan back to you.",
        ("display_name",),
        model=PatientCreate,
    ),
)
STEP_IDS = tuple(step.id for step in STEPS)


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

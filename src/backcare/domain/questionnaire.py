"""The questionnaire: every question a person is asked, in order, for every front end.

The CLI (`backcare assess`) and the web wizard both render these sections; neither keeps a
list of its own. The order is a safety property (SAFETY.md H-15, H-62): the warning signs come
first, cauda equina before anything else, so an emergency is found before a person has
answered about their work or equipment. Then the background, the leg symptoms, the rarer
causes, the course of the pain, other conditions, the outlook and the preferences.

To ask a new intake field, add its path to a section below (one line); a field that must stay
out of the person's questionnaire goes in ``CLINICIAN_ONLY`` with the reason.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import ValidationError

from backcare.domain.intake import Intake, LegPain, Numbness, Sex, Weakness
from backcare.domain.questions import (
    Answers,
    AnyOf,
    Ask,
    Is,
    IsNot,
    Question,
    Section,
    intake_field_paths,
    section,
)

# Fields a person is never asked, each with the reason; every other intake field has a question.
CLINICIAN_ONLY: dict[str, str] = {
    "startback": "The STarT Back answers are copied by a clinician from the official form: "
    "Backcare does not reproduce the tool's wording (Keele University copyright, KEELE-SBST) "
    "and does not use it as an online screen (SAFETY.md H-16).",
}

# Stand-ins for the required answers not given yet, so the answers so far can be triaged at
# once. A long duration keeps a stand-in from making any symptom look new.
PLACEHOLDERS: Answers = {"age": 40, "duration_weeks": 52, "pain_now": 0}

_CES_FEATURE = AnyOf(
    (
        Is("numbness", Numbness.saddle),
        Is("numbness", Numbness.both_legs),
        Is("bladder_bowel_change", True),
        Is("sexual_function_change", True),
    )
)
_WARNING_INTRO = (
    "First, a few questions about signs that need a doctor quickly. Most people answer no to "
    "all of them. Please answer each one."
)

SECTIONS: tuple[Section, ...] = (
    # Cauda equina first: any one new feature is an emergency.
    section(
        "bladder",
        "Bladder, bowel and numbness",
        _WARNING_INTRO,
        "bladder_bowel_change",
        "numbness",
        "sexual_function_change",
        warning=True,
    ),
    section(
        "onset",
        "When those changes started",
        "This tells us how quickly you need to be seen.",
        "warning_symptoms_onset",
        warning=True,
        when=_CES_FEATURE,
    ),
    # The other warning signs.
    section(
        "legs",
        "Your legs",
        "Pain, numbness or weakness in the legs can come from a nerve in the back.",
        "leg_pain",
        "leg_symptoms_worsening",
        "leg_weakness",
        Ask("weakness_onset", when=IsNot("leg_weakness", Weakness.none)),
        Ask("weakness_signs", when=IsNot("leg_weakness", Weakness.none)),
        warning=True,
    ),
    section(
        "unwell",
        "How you feel in yourself",
        "Back pain with a fever or feeling unwell needs a doctor to check for infection.",
        "fever",
        "feels_unwell",
        "cancer_history",
        warning=True,
    ),
    section(
        "injury",
        "Injury and sudden pain",
        "Last of the warning-sign questions.",
        "trauma",
        "unable_to_walk_or_bear_weight",
        "pain_unrelenting",
        "sudden_severe_onset",
        "abdominal_or_groin_pain",
        "flank_pain",
        warning=True,
    ),
    # Pregnancy warning signs are asked with the others, so sex is asked here too: it decides
    # whether pregnancy is asked, and the aneurysm rules read it.
    section(
        "pregnancy",
        "Sex and pregnancy",
        "Some signs in pregnancy need the maternity unit straight away.",
        "sex",
        Ask("pregnant", when=IsNot("sex", Sex.male)),
        Ask("pregnancy_warning_signs", when=Is("pregnant", True)),
        warning=True,
    ),
    # Background.
    section(
        "about",
        "About you and your pain",
        "Now some questions about you and this episode of back pain.",
        "age",
        "duration_weeks",
        "pain_now",
        "pain_worst_week",
    ),
    section(
        "pregnancy-detail",
        "More about your pregnancy",
        "Some exercises are changed or left out in pregnancy.",
        "pregnancy_weeks",
        "pelvic_girdle_pain",
        when=Is("pregnant", True),
    ),
    # Leg symptoms.
    section(
        "leg-detail",
        "More about the leg pain",
        "This helps tell nerve pain from back pain.",
        "leg_pain_below_knee",
        "leg_pain_worse_than_back",
        when=IsNot("leg_pain", LegPain.none),
    ),
    # Rarer causes: infection, cancer, fracture, the inflammatory pattern.
    section(
        "health",
        "More about your health",
        "These help us check for rarer causes of back pain.",
        "urinary_burning_or_frequency",
        "iv_drug_use",
        "immunosuppressed",
        "recent_infection_or_spinal_procedure",
        "unexplained_weight_loss",
        "constant_night_pain",
        "thoracic_pain",
    ),
    section(
        "bones",
        "Bones and medicines",
        "Thin bones or long use of steroids change which exercises are safe.",
        "osteoporosis",
        "long_term_steroids",
    ),
    section(
        "pattern",
        "The pattern of your pain",
        "Stiffness and night pain can point to an inflammatory kind of back pain.",
        "morning_stiffness_minutes",
        "better_with_movement_than_rest",
        "wakes_second_half_of_night",
        "alternating_buttock_pain",
        "better_with_anti_inflammatories",
        "age_at_onset",
    ),
    # Course.
    section(
        "history",
        "Your back pain so far",
        "This helps us judge how long recovery may take.",
        "pain_course",
        "previous_episodes",
        "treatment_not_helped",
        "off_work_because_of_pain",
        "smoker",
        "height_cm",
        "weight_kg",
    ),
    section(
        "conditions",
        "Other health conditions",
        "Tick any that apply. Leave them all unticked if none do.",
        "conditions",
    ),
    section(
        "moving",
        "Moving about",
        "Your plan will only hold exercises you can get into safely.",
        "mobility.wheelchair_user",
        "mobility.cannot_get_to_floor",
        "mobility.balance_problems",
    ),
    section(
        "outlook",
        "How the pain is affecting you",
        "Pain affects how we feel, and how we feel affects pain. These answers help us suggest "
        "the right support.",
        "outlook.fear_of_movement",
        "outlook.worry",
        "outlook.low_mood",
        "outlook.bothersomeness",
    ),
    section(
        "preferences",
        "Fitting the plan into your life",
        "Your plan will only use the time and things you have.",
        "preferences.minutes_per_day",
        "preferences.days_per_week",
        "preferences.equipment",
        "preferences.partner_available",
        "preferences.activities",
        "preferences.work",
    ),
)


def section_by_id(section_id: str) -> Section | None:
    return next((s for s in SECTIONS if s.id == section_id), None)


def all_questions() -> Iterator[Question]:
    """Every question of the definition, in order, whatever the answers."""
    for s in SECTIONS:
        yield from s.questions


def questions_shown(answers: Mapping[str, Any]) -> tuple[Question, ...]:
    """The questions a person with these (complete) answers is asked, in order."""
    return tuple(q for s in SECTIONS if s.applies(answers) for q in s.questions if q.shown(answers))


def unplaced_fields(sections: tuple[Section, ...] = SECTIONS) -> list[str]:
    """Intake fields that no section asks and that are not clinician-only: each needs a place."""
    asked = {q.path for s in sections for q in s.questions}
    return [p for p in intake_field_paths() if p not in asked and not clinician_only(p)]


def asked_more_than_once(sections: tuple[Section, ...] = SECTIONS) -> list[str]:
    """Fields that more than one question fills (a person would answer twice, maybe apart)."""
    paths = [q.path for s in sections for q in s.questions]
    return sorted({p for p in paths if paths.count(p) > 1})


def clinician_only(path: str) -> bool:
    """Whether the field at ``path`` is one a clinician enters (``CLINICIAN_ONLY``)."""
    return any(path == c or path.startswith(c + ".") for c in CLINICIAN_ONLY)


def provisional_intake(answers: Mapping[str, Any]) -> Intake:
    """The intake from the answers so far, stand-ins filling required answers not yet given."""
    return Intake.model_validate({**PLACEHOLDERS, **answers})


def answer_problems(answers: Mapping[str, Any]) -> dict[str, str]:
    """A plain sentence for each answered path that the intake does not accept."""
    try:
        provisional_intake(answers)
    except ValidationError as error:
        return _messages(error)
    return {}


def _messages(error: ValidationError) -> dict[str, str]:
    out: dict[str, str] = {}
    for problem in error.errors(include_url=False):
        message = str(problem["msg"]).removeprefix("Value error, ")
        if problem["loc"]:
            # A list's position (``preferences.equipment.0``) belongs to the list's question.
            path = ".".join(str(part) for part in problem["loc"] if not isinstance(part, int))
        else:  # a check across fields names its field first ("pregnancy_weeks: ...")
            path = message.partition(":")[0]
        out.setdefault(path, _plain(message, path))
    return out


def _plain(message: str, path: str) -> str:
    """Pydantic's wording made friendlier; Backcare's own sentences pass through."""
    message = message.removeprefix(f"{path}: ")
    if message.startswith("Input should be greater than or equal to"):
        return "Please give a number no smaller than " + message.rsplit(" ", 1)[-1] + "."
    if message.startswith("Input should be less than or equal to"):
        return "Please give a number no bigger than " + message.rsplit(" ", 1)[-1] + "."
    if message.startswith("Input should be a valid"):
        return "Please give a whole number." if "integer" in message else "Please give a number."
    if message[:1].islower():
        message = message[0].upper() + message[1:]
    return message if message.endswith(".") else message + "."

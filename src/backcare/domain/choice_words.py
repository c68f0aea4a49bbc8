"""Plain words for answer codes, the same in every front end: a layperson never sees a code."""

from __future__ import annotations

from backcare.domain.intake import CONDITION_QUESTIONS

CHOICE_WORDS: dict[str, str] = {
    "none": "No",
    "one_leg": "Yes, one leg",
    "both_legs": "Yes, both legs",
    "leg": "One leg",
    "foot": "A foot",
    "saddle": "Between the legs or around the back passage",
    "new_or_worsening": "Started or got worse in the last two weeks",
    "stable_over_2_weeks": "Have stayed the same for more than two weeks",
    "stable": "Yes, and it is staying the same",
    "worsening": "Yes, and it is getting worse",
    "minor": "Yes, a minor injury",
    "major": "Yes, a major injury",
    "female": "Female",
    "male": "Male",
    "other": "Other or prefer not to say",
    "not_at_all": "Not at all",
    "slightly": "Slightly",
    "moderately": "Moderately",
    "very_much": "Very much",
    "extremely": "Extremely",
    "mat": "An exercise mat",
    "foam_roller": "A foam roller",
    "massage_ball": "A massage ball or tennis ball",
    "towel": "A towel or strap",
    "heat_pack": "A heat pack or hot-water bottle",
    "ice_pack": "An ice pack",
    "pool": "A swimming pool",
    "bike": "A bike or exercise bike",
    "gym": "A gym",
    "tai_chi": "Tai chi",
    "desk": "Mostly sitting at a desk",
    "standing": "Mostly standing",
    "manual": "Lifting or physical work",
}
# Where the shared words for a code would read wrongly in one question.
FIELD_CHOICE_WORDS: dict[str, dict[str, str]] = {
    "numbness": {"leg": "One leg", "both_legs": "Both legs"},
    "preferences.work": {"none": "I am not working at the moment"},
    "conditions": {c.value: text for c, text in CONDITION_QUESTIONS.items()},
}


def choice_words(code: str, path: str = "") -> str:
    """The plain words for an answer code (in the question at ``path``)."""
    special = FIELD_CHOICE_WORDS.get(path, {}).get(code)
    return special or CHOICE_WORDS.get(code) or code.replace("_", " ").capitalize()

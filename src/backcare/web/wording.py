"""Plain words for codes shown on pages: answer choices, days, levels, stances."""

from __future__ import annotations

DISCLAIMER = (
    "Backcare gives information and helps you organise your care. It does not diagnose and "
    "does not prescribe. If you are worried, or your symptoms change, contact a doctor."
)
DAY_NAMES = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}
CHOICES = {
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
    "do_not_offer": "do not offer",
    "recommend_against": "recommends against",
    "self_care": "Self-care",
}


def words(code: object) -> str:
    """A code as plain words: a known phrase, or the code with spaces and a capital."""
    text = str(getattr(code, "value", code))
    return CHOICES.get(text, text.replace("_", " ").capitalize())


def minutes(value: float) -> str:
    """Minutes without a pointless '.0'."""
    return f"{value:g} min"


def day_name(code: str) -> str:
    return DAY_NAMES.get(code, code)

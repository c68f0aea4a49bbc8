"""Plain words for codes shown on pages: answer choices, days, levels, stances, counts."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from backcare.domain.choice_words import CHOICE_WORDS
from backcare.domain.plural import plural

__all__ = ["plural"]

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
# Answer codes read as the questionnaire words them; the rest are codes other pages show.
CHOICES = {
    **CHOICE_WORDS,
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


EMERGENCY_NUMBERS = re.compile(r"(?<![\w.+-])(999|911|112|111)(?![\w-]|\.\d)")
"""The urgent-help numbers the knowledge and pages name (999, 112, 911, NHS 111)."""


def tel_links(text: object) -> Markup:
    """``text`` escaped, with each emergency number a ``tel:`` link a phone can call at once."""
    escaped = str(escape(text))
    return Markup(EMERGENCY_NUMBERS.sub(r'<a class="tel" href="tel:\1">\1</a>', escaped))

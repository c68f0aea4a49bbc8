r"""Text written the way FHIR's string type takes it.

FHIR's ``string`` (and ``markdown``) pattern is ``[ \r\n\t\S]+``: besides the space, tab and
line breaks, no whitespace character. A no-break space (typed before "!" in French, pasted from
a word processor), an ideographic space or a line separator therefore makes a resource invalid
by the official schema, though the fhir.resources models take it. Every string of an exported
resource has such characters written as a plain space: the text reads the same, and an export,
import and export again gives the same Bundle. The text of notes and messages travels exactly,
as base64 attachments, which this leaves alone (base64 is ASCII).
"""

from __future__ import annotations

import re
from typing import Any

_NOT_FHIR_SPACE = re.compile(r"[^\S \t\n\r]")


def fhir_string(value: str) -> str:
    """``value`` with each whitespace character FHIR strings refuse written as a space."""
    if value.isascii():  # the only ASCII ones are controls, which typed text never holds
        return value
    return _NOT_FHIR_SPACE.sub(" ", value)


def fhir_strings(value: Any) -> Any:
    """A JSON value with every string in it made a FHIR string (a new value; keys unchanged)."""
    if isinstance(value, str):
        return fhir_string(value)
    if isinstance(value, dict):
        return {key: fhir_strings(item) for key, item in value.items()}
    if isinstance(value, list):
        return [fhir_strings(item) for item in value]
    return value

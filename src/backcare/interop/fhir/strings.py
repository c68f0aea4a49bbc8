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


def fhir_strings(value: Any) -> None:
    """Make every string in a JSON value a FHIR string, in place.

    In place, and only where a string changes: copying every resource of a two-year Bundle
    made the garbage collector walk tens of thousands of new dicts, a third of the export's
    time; almost every string is plain ASCII and is left as it is.
    """
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str):
                if not item.isascii():
                    value[key] = fhir_string(item)
            elif isinstance(item, dict | list):
                fhir_strings(item)
    elif isinstance(value, list):
        for number, item in enumerate(value):
            if isinstance(item, str):
                if not item.isascii():
                    value[number] = fhir_string(item)
            elif isinstance(item, dict | list):
                fhir_strings(item)

"""Text a person or clinician types: the one place that refuses control characters.

SQLite stores a NUL byte and PostgreSQL refuses it (as a DataError), so without this the
same name was kept on one database and a 500 on the other; other control characters garble
terminals, CSV exports and logs. Every free-text field of every input schema uses one of
these two types, so the refusal is the same everywhere: a validation error naming the
field (422 from the web, exit code 2 from the command line), on either database.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator

# Unicode's "Cc" category: C0 controls (NUL..US), DEL and the C1 controls.
_ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# The same, less tab, line feed and carriage return, which notes may hold.
_CONTROL_BUT_LAYOUT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _refusal(found: re.Match[str]) -> ValueError:
    code = f"U+{ord(found.group()):04X}"
    return ValueError(
        f"holds a control character ({code}) at position {found.start() + 1}; "
        "type plain text without it"
    )


def plain_line(value: str) -> str:
    """``value`` if it has no control character at all (names, ids, short answers)."""
    found = _ANY_CONTROL.search(value)
    if found:
        raise _refusal(found)
    return value


def plain_text(value: str) -> str:
    """``value`` if its only control characters are tabs and line breaks (notes, reasons)."""
    found = _CONTROL_BUT_LAYOUT.search(value)
    if found:
        raise _refusal(found)
    return value


Line = Annotated[str, AfterValidator(plain_line)]
"""One line of typed text: a name, an activity, an id."""
Text = Annotated[str, AfterValidator(plain_text)]
"""Typed text that may run over several lines: notes, reasons."""

"""Text read from the care team's resources: checked like typed text (no control characters,
a length limit), the refusal naming the resource and the field."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from backcare.domain.text import plain_line, plain_text
from backcare.interop.fhir.ids import problem


def line(value: Any, where: str, field: str, *, longest: int) -> str:
    """One line of text of at most ``longest`` characters, refused when absent."""
    found = _checked(value, where, field, longest=longest, needed=True, layout=False)
    assert found is not None  # _checked refuses an absent value that is needed
    return found


def optional_line(value: Any, where: str, field: str, *, longest: int) -> str | None:
    """One line of text of at most ``longest`` characters, or None when absent."""
    return _checked(value, where, field, longest=longest, needed=False, layout=False)


def text(value: Any, where: str, field: str, *, longest: int) -> str:
    """Text that may run over several lines, of at most ``longest`` characters."""
    found = _checked(value, where, field, longest=longest, needed=True, layout=True)
    assert found is not None  # as in line()
    return found


def _checked(
    value: Any, where: str, field: str, *, longest: int, needed: bool, layout: bool
) -> str | None:
    if value is None or value == "":
        if needed:
            raise problem(where, field, "is missing.")
        return None
    if not isinstance(value, str):
        raise problem(where, field, "must be text.")
    if len(value) > longest:
        raise problem(where, field, f"has {len(value):,} characters; at most {longest:,}.")
    try:
        return (plain_text if layout else plain_line)(value)
    except ValueError as exc:
        raise problem(where, field, f"{exc}.") from exc


def decoded(data: Any, where: str, field: str) -> str:
    """The UTF-8 text of an Attachment's base64 ``data``."""
    if not isinstance(data, str):
        raise problem(where, field, "is missing; the note's text is its base64 data.")
    try:
        return base64.b64decode(data, validate=True).decode("utf-8")
    except (binascii.Error, ValueError) as exc:
        raise problem(where, field, "is not base64 of UTF-8 text.") from exc


def encoded(body: str) -> str:
    """Text as an Attachment's base64 ``data``."""
    return base64.b64encode(body.encode("utf-8")).decode("ascii")

"""JSON nested no deeper than any Backcare document needs, checked before it is parsed.

Python's parser and pydantic recurse once per level: a body nested a thousand deep ends in a
RecursionError (a 500) or in minutes of validation. No Backcare document is nested more than
a handful of levels (an intake's preferences, a PSFS measure's activities), so anything past
``MAX_DEPTH`` is refused, naming the top-level field that holds it.
"""

from __future__ import annotations

import json
import re
from typing import Any

from backcare.errors import InvalidInputError

MAX_DEPTH = 20
"""Levels of objects and arrays; the deepest Backcare document uses four."""
WHOLE_BODY = "body"
# A string (with the colon after it when it is a key) or a bracket; strings are matched
# whole so that brackets inside them are not counted.
_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"(\s*:)?|[\[\]{}]')
_OPENERS = frozenset(b"[{")


def too_deep(raw: bytes | str) -> str | None:
    """None when ``raw`` nests at most MAX_DEPTH levels, else the top-level field that is deeper.

    The field is ``"body"`` when the document is not an object. Malformed JSON is left to
    the parser, which says what is wrong with it.
    """
    data = raw.encode() if isinstance(raw, str) else raw
    if data.count(b"[") + data.count(b"{") <= MAX_DEPTH:
        return None  # too few brackets to nest that deep: the usual case, checked in C
    depth, field = 0, WHOLE_BODY
    for token in _TOKENS.finditer(data):
        first = token.group()[0]
        if first == ord('"'):
            if token.group(1) and depth == 1:
                field = _key(token.group())
        elif first in _OPENERS:
            depth += 1
            if depth > MAX_DEPTH:
                return field
        else:
            depth -= 1
    return None


def _key(token: bytes) -> str:
    """The text of a key token (``"name" :``), or the whole body when it does not decode."""
    try:
        text = json.loads(token[: token.rindex(b'"') + 1])
    except ValueError:
        return WHOLE_BODY
    return text if isinstance(text, str) and text.isidentifier() else WHOLE_BODY


def depth_message(field: str) -> str:
    """The sentence that refuses a document nested too deep."""
    return f"{field}: nested more than {MAX_DEPTH} levels deep, which no answer here needs."


def loads(text: str | bytes, *, field: str) -> Any:
    """``json.loads`` after the depth check; InvalidInputError names ``field`` if too deep."""
    if too_deep(text) is not None:
        raise InvalidInputError(depth_message(field))
    return json.loads(text)

"""Refuse oversized or deeply nested input before any model sees it."""

from __future__ import annotations

import json
from typing import Any

from backcare.errors import InvalidInputError

MAX_BYTES = 10 * 1024 * 1024
"""10 MB: two years of daily check-ins and sessions export to well under this (see
bench/export_bench.py); anything larger is refused before it is parsed."""
MAX_DEPTH = 40
"""Backcare's own Bundles nest about 12 levels deep; recursive elements (extensions, items)
could otherwise nest until the validator runs out of stack."""


def parse_json(raw: bytes) -> Any:
    """The JSON document in ``raw``, refused when too large, not JSON, or nested too deep."""
    if len(raw) > MAX_BYTES:
        raise InvalidInputError(
            f"Bundle: the file has {len(raw):,} bytes; Backcare imports at most "
            f"{MAX_BYTES // (1024 * 1024)} MB."
        )
    try:
        document = json.loads(raw)
    except RecursionError as exc:
        raise _too_deep() from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidInputError(f"Bundle: the file is not valid JSON ({exc}).") from exc
    if depth(document) > MAX_DEPTH:
        raise _too_deep()
    return document


def depth(document: Any) -> int:
    """How deeply objects and arrays nest (an iterative walk: deep input cannot overflow it)."""
    deepest = 0
    stack = [(document, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        deepest = max(deepest, level)
        if deepest > MAX_DEPTH:
            return deepest
        stack.extend((child, level + 1) for child in children)
    return deepest


def _too_deep() -> InvalidInputError:
    return InvalidInputError(
        f"Bundle: the document nests more than {MAX_DEPTH} levels deep; Backcare does not read it."
    )

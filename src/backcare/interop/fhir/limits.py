"""Refuse oversized or deeply nested input before any model sees it."""

from __future__ import annotations

import json
from typing import Any, BinaryIO

from backcare.errors import InvalidInputError

MB = 1024 * 1024
API_MAX_BYTES = 10 * MB
"""A Bundle sent to the API: the server holds the body in memory while it reads it, for
every request at once. Two years of daily data export to about 7 MB (bench/export_bench.py);
a longer record is imported from a file with ``backcare import``."""
FILE_MAX_BYTES = 128 * MB
"""A Bundle imported from a file by ``backcare import``. Ten years of daily check-ins and
sessions with a new plan version every week export to about 54 MB (each version carries its
whole plan); this allows twice that. Importing that file took 8 s of CPU and 420 MB of
memory, about eight times its size (docs/records.md)."""
MAX_DEPTH = 40
"""Backcare's own Bundles nest about 12 levels deep; recursive elements (extensions, items)
could otherwise nest until the validator runs out of stack."""
CHUNK = MB


def too_big(size: int | str, limit: int) -> InvalidInputError:
    """The refusal of input over ``limit`` bytes."""
    return InvalidInputError(
        f"Bundle: the input has {size} bytes; Backcare imports at most {limit // MB} MB this way."
    )


def read_capped(stream: BinaryIO, limit: int) -> bytes:
    """Read ``stream`` in chunks, refusing it as soon as it passes ``limit`` bytes."""
    chunks, size = [], 0
    while chunk := stream.read(CHUNK):
        size += len(chunk)
        if size > limit:
            raise too_big(f"over {limit:,}", limit)
        chunks.append(chunk)
    return b"".join(chunks)


def parse_json(raw: bytes, *, limit: int = API_MAX_BYTES) -> Any:
    """The JSON document in ``raw``, refused when too large, not JSON, or nested too deep."""
    if len(raw) > limit:
        raise too_big(f"{len(raw):,}", limit)
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

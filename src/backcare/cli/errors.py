"""Turn bad input into one clear sentence and exit code 2, never a traceback."""

from __future__ import annotations

import codecs
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import typer
from pydantic import ValidationError

from backcare.bounded_json import depth_message, too_deep

USAGE_ERROR = 2


class InputProblem(Exception):  # noqa: N818 - named for what it is; other CLI modules import it
    """Input that cannot be used, with a sentence saying why."""


def fail(message: str) -> NoReturn:
    """Print the sentence to stderr and exit with code 2."""
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(USAGE_ERROR)


def check_out(out: Path | None) -> None:
    """Make the output file's missing folders, or refuse an unusable path, before any work."""
    if out is None:
        return
    if out.is_dir():
        fail(f"out: {out} is a folder; give a file name.")
    for folder in (out.parent, *out.parent.parents):
        if folder.exists() and not folder.is_dir():
            fail(f"out: {folder} is a file, so it cannot hold a folder for {out.name}.")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"out: the folder {out.parent} could not be made ({exc.strerror or exc}).")


def describe(error: ValidationError) -> str:
    """One line per problem, each naming the field, e.g. 'pain_now: must be at most 10'."""
    lines = []
    for problem in error.errors(include_url=False):
        where = ".".join(str(part) for part in problem["loc"]) or "intake"
        message = str(problem["msg"]).removeprefix("Value error, ")
        lines.append(f"{where}: {message}")
    return "; ".join(lines)


@contextmanager
def friendly_errors() -> Iterator[None]:
    """Map expected input problems to exit code 2 with a plain sentence."""
    try:
        yield
    except ValidationError as exc:
        fail(f"the intake is not valid: {describe(exc)}")
    except InputProblem as exc:
        fail(str(exc))


BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
"""Byte-order marks, longest first (UTF-32 LE starts with UTF-16 LE's mark)."""


def decode(raw: bytes, name: str) -> str:
    """Text saved as UTF-8 (with or without a byte-order mark), UTF-16 or UTF-32.

    Windows editors save "Unicode" as UTF-16 with a mark, and Notepad once added a mark to
    UTF-8; both are read as the text they hold. JSON begins with an ASCII character, so
    UTF-16 without a mark shows as a zero byte beside the first one. Anything else is refused
    in a sentence, never a traceback.
    """
    encoding = next((enc for bom, enc in BOMS if raw.startswith(bom)), None)
    if encoding is None and len(raw) >= 2 and (raw[0] == 0) != (raw[1] == 0):
        encoding = "utf-16-be" if raw[0] == 0 else "utf-16-le"
    try:
        return raw.decode(encoding or "utf-8")
    except UnicodeDecodeError:
        raise InputProblem(
            f"{name} is not text in a known encoding; save it as UTF-8 (or UTF-16) and try again"
        ) from None


def read_json(source: str) -> Any:
    """Read a JSON document from a file path, or from standard input when the path is '-'."""
    if source == "-":
        name = "standard input"
        stream = getattr(sys.stdin, "buffer", None)
        text = sys.stdin.read() if stream is None else decode(stream.read(), name)
    else:
        path = Path(source)
        if not path.is_file():
            raise InputProblem(f"no such file: {source}")
        name = source
        text = decode(path.read_bytes(), name)
    field = too_deep(text)
    if field is not None:
        raise InputProblem(f"{name}: {depth_message(field)}")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputProblem(f"{name} is not valid JSON (line {exc.lineno}: {exc.msg})") from exc

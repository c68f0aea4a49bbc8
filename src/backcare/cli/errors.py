"""Turn bad input into one clear sentence and exit code 2, never a traceback."""

from __future__ import annotations

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


def read_json(source: str) -> Any:
    """Read a JSON document from a file path, or from standard input when the path is '-'."""
    if source == "-":
        text = sys.stdin.read()
        name = "standard input"
    else:
        path = Path(source)
        if not path.is_file():
            raise InputProblem(f"no such file: {source}")
        text = path.read_text(encoding="utf-8")
        name = source
    field = too_deep(text)
    if field is not None:
        raise InputProblem(f"{name}: {depth_message(field)}")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputProblem(f"{name} is not valid JSON (line {exc.lineno}: {exc.msg})") from exc

"""Error bodies as documented in the OpenAPI description (the handlers in web.errors send them)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class Problem(BaseModel):
    """An expected failure, in one sentence fit to show a person."""

    detail: str


def problems(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the given error statuses."""
    text = {404: "Not found.", 409: "Clashes with what is stored."}
    return {code: {"model": Problem, "description": text[code]} for code in codes}

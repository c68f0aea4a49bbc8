"""Error bodies as documented in the OpenAPI description (the handlers in web.errors send them)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class Problem(BaseModel):
    """An expected failure, in one sentence fit to show a person."""

    detail: str


TEXT = {
    401: "No valid bearer token (or session): sign in or send 'Authorization: Bearer TOKEN'.",
    403: "Not allowed: the token's scope or the account's role does not permit this.",
    404: "Not found, or not yours to see (the two are not told apart).",
    409: "Clashes with what is stored.",
}


def problems(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the given error statuses."""
    return {code: {"model": Problem, "description": TEXT[code]} for code in codes}

"""What the care-team pages share: a form's work in a savepoint, its refusal as a message.

Each form post of these pages has the same shape: the route's ``page_guard`` asks the policy
(and logs the check), then the use case runs for that actor, from this address, now, in a
savepoint, writing its own audit line; a refusal renders the page again with the sentence, a
success goes back to the page. ``form_post`` is that shape; the policy call stays in each
route's signature, where the matrix test reads it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from fastapi import Request
from fastapi.responses import Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from backcare.access.policy import Actor
from backcare.errors import BackcareError
from backcare.web.auth.credentials import client_address
from backcare.web.errors import status_for
from backcare.web.pages.common import see_other
from backcare.web.state import web_state

T = TypeVar("T")


class FormRefusedError(Exception):
    """A form's refusal: the sentence to show above the form, and the page's status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def attempt(session: Session, work: Callable[[], T]) -> T:
    """``work`` in a savepoint: on a refusal nothing of it is kept; the error says why."""
    try:
        with session.begin_nested():
            return work()
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "form"
        raise FormRefusedError(f"{field}: {first['msg']}", 422) from error
    except BackcareError as error:
        raise FormRefusedError(str(error), status_for(error)) from error


def acting(request: Request, actor: Actor) -> dict[str, Any]:
    """Who acts, from where and when: the keywords every audited use case takes."""
    return {"by": actor, "source": client_address(request), "now": web_state(request).now()}


def submit(
    request: Request,
    session: Session,
    actor: Actor,
    use_case: Callable[..., T],
    arguments: Callable[[], Mapping[str, Any]],
) -> T:
    """``use_case(session, **arguments(), by=actor, source=..., now=...)`` in a savepoint, for
    the actor the route's page guard let in; ``arguments`` are read inside it, so a form value
    the schema refuses is a FormRefusedError naming the field."""
    return attempt(session, lambda: use_case(session, **arguments(), **acting(request, actor)))


def form_post(
    request: Request,
    session: Session,
    actor: Actor,
    use_case: Callable[..., object],
    arguments: Callable[[], Mapping[str, Any]],
    *,
    done: str,
    refused: Callable[[FormRefusedError], Response],
) -> Response:
    """``submit``, then back to ``done``; a refusal is the page again, by ``refused``."""
    try:
        submit(request, session, actor, use_case, arguments)
    except FormRefusedError as error:
        return refused(error)
    return see_other(request, done)

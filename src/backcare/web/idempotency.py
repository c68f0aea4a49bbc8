"""The ``Idempotency-Key`` header on the check-in and session-log writes, API and form posts.

The offline queue (static/offline.js) sends every write it replays with the key it made when
the write was first tried, so a write that did arrive before the connection dropped is not
stored twice (backcare.offline.service). Without the header a write works as it always did.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import Header, Request
from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from backcare.access.policy import Actor
from backcare.errors import InvalidInputError
from backcare.offline.service import Answer, Asked, begin, fingerprint, finish
from backcare.web.auth.csrf import FIELD as CSRF_FIELD
from backcare.web.state import web_state

HEADER = "Idempotency-Key"
KEY_PATTERN = r"^[A-Za-z0-9_-]{8,100}$"
REPLAYED = "idempotent-replayed"
"""Set on an answer given again to a replay (nothing was written)."""
_KEY = re.compile(KEY_PATTERN)
BAD_KEY = f"{HEADER}: use 8 to 100 letters, digits, '-' or '_' (a random UUID is a good key)."

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias=HEADER,
        pattern=KEY_PATTERN,
        description="A key of your own for this write (e.g. a random UUID): sending the same "
        "write again with the same key stores nothing new and gives the first answer.",
    ),
]
Model = TypeVar("Model", bound=BaseModel)


def _account(actor: Actor) -> str:
    return (actor.account_id or actor.name)[:32]


def once_api(
    work: Callable[[Session], Model],
    *,
    answer: type[Model],
    key: str | None,
    patient_id: str,
    endpoint: str,
    sent: BaseModel,
    status_code: int,
    request: Request,
) -> Callable[[Session, Actor], Model]:
    """``work`` for ``access.write_as``, done once per key: a replay gets the kept answer."""
    if key is None:
        return lambda session, _actor: work(session)
    now = web_state(request).now()

    def run(session: Session, actor: Actor) -> Model:
        asked = Asked(
            patient_id=patient_id,
            key=key,
            account_id=_account(actor),
            endpoint=endpoint,
            request_hash=fingerprint(endpoint, sent.model_dump_json()),
        )
        kept = begin(session, asked, now=now)
        if kept is not None:
            return answer.model_validate_json(kept.body)
        result = work(session)
        finish(session, asked, Answer(status_code, "application/json", result.model_dump_json()))
        return result

    return run


def page_key(request: Request) -> str | None:
    """The header's key on a form post; 422 (naming the header) when it is malformed."""
    key = request.headers.get(HEADER)
    if key is None:
        return None
    if not _KEY.fullmatch(key):
        raise InvalidInputError(BAD_KEY)
    return key


def _form_fingerprint(endpoint: str, form: dict[str, list[str]]) -> str:
    fields = sorted(
        (name, value) for name, values in form.items() if name != CSRF_FIELD for value in values
    )
    return fingerprint(endpoint, *(f"{name}={value}" for name, value in fields))


RouteFunction = TypeVar("RouteFunction", bound=Callable[..., Response])


def once_page(endpoint: str) -> Callable[[RouteFunction], RouteFunction]:
    """For a form post route (``request``, ``patient_id``, ``_actor``, ``form``, ``session``
    parameters): done once per key, the first answer given again to a replay."""

    def decorate(route: RouteFunction) -> RouteFunction:
        @functools.wraps(route)
        def run(*args: Any, **kwargs: Any) -> Response:
            request: Request = kwargs["request"]
            key = page_key(request)
            if key is None:
                return route(*args, **kwargs)
            session: Session = kwargs["session"]
            asked = Asked(
                patient_id=kwargs["patient_id"],
                key=key,
                account_id=_account(kwargs["_actor"]),
                endpoint=endpoint,
                request_hash=_form_fingerprint(endpoint, kwargs["form"]),
            )
            kept = begin(session, asked, now=web_state(request).now())
            if kept is not None:
                return replayed(kept)
            response = route(*args, **kwargs)
            answer = Answer(
                status_code=response.status_code,
                media_type=response.headers.get("content-type", ""),
                body=bytes(response.body).decode(),
                location=response.headers.get("location", ""),
            )
            finish(session, asked, answer)
            return response

        return run  # type: ignore[return-value]

    return decorate


def replayed(answer: Answer) -> Response:
    """The kept answer, sent again."""
    headers = {REPLAYED: "true"}
    if answer.location:
        headers["location"] = answer.location
    response = Response(answer.body, status_code=answer.status_code, headers=headers)
    if answer.media_type:
        response.headers["content-type"] = answer.media_type
    return response

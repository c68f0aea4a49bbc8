"""Limits on what a request may send: its body's size (413) and its JSON's depth (422).

The size limit counts the bytes as they arrive and refuses at once when Content-Length
says too much, so a 50 MB body is never read in full. (Starlette's RequestBodyLimitMiddleware
does the same but answers a bare "Content Too Large" that no handler can reword.) The depth
check sits inside it, so the JSON it reads is already size-limited, and runs before FastAPI
parses the body: a RecursionError there would be a 500.
"""

from __future__ import annotations

from collections.abc import Mapping

from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backcare.bounded_json import WHOLE_BODY, depth_message, too_deep

TOO_LARGE = 413
API_PREFIX = "/api/"


def too_large_message(limit: int) -> str:
    """The sentence that refuses a body over ``limit`` bytes."""
    size = f"{limit // 1024} KiB" if limit < 1024 * 1024 else f"{limit / (1024 * 1024):g} MiB"
    return f"The request body is larger than {size}, the most this server accepts."


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` past the limit; an HTTPException, so a route reading its body
    lets it through to the error handler (web.errors), which words the 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(TOO_LARGE, too_large_message(limit))


class BodyLimitMiddleware:
    """Refuses a request body over ``max_body_bytes`` with a 413, reading no more of it.

    ``larger`` names the few paths that take more (a FHIR Bundle to import), each with its own
    limit; every other path gets ``max_body_bytes``.
    """

    def __init__(
        self, app: ASGIApp, max_body_bytes: int, larger: Mapping[str, int] | None = None
    ) -> None:
        self.app = app
        self.default = max_body_bytes
        self.larger = dict(larger or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.larger.get(scope["path"], self.default)
        if _declared_length(scope) > limit:
            await _too_large(scope, limit)(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, _limited(receive, limit), tracking_send)
        except BodyTooLarge:
            if started:
                raise
            await _too_large(scope, limit)(scope, receive, send)


def _too_large(scope: Scope, limit: int) -> Response:
    """JSON for the API, as its other errors; a sentence for a person's browser."""
    if str(scope.get("path", "")).startswith(API_PREFIX):
        return JSONResponse({"detail": too_large_message(limit)}, TOO_LARGE)
    return PlainTextResponse(too_large_message(limit), TOO_LARGE)


def _declared_length(scope: Scope) -> int:
    for name, value in scope["headers"]:
        if name == b"content-length":
            return int(value) if value.isdigit() else 0
    return 0


def _limited(receive: Receive, limit: int) -> Receive:
    """``receive`` that raises BodyTooLarge once more than ``limit`` bytes have come."""
    total = 0

    async def limited() -> Message:
        nonlocal total
        message = await receive()
        if message["type"] == "http.request":
            total += len(message.get("body", b""))
            if total > limit:
                raise BodyTooLarge(limit)
        return message

    return limited


def _is_json(scope: Scope) -> bool:
    for name, value in scope["headers"]:
        if name == b"content-type":
            media: bytes = value.split(b";", 1)[0].strip().lower()
            return media == b"application/json" or media.endswith(b"+json")
    return False


class JsonDepthMiddleware:
    """Refuses a JSON body nested deeper than ``bounded_json.MAX_DEPTH`` with a 422."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _is_json(scope):
            await self.app(scope, receive, send)
            return
        body = await _read_body(receive)
        if body is None:
            return  # the client went away before sending all of it
        field = too_deep(body)
        if field is not None:
            await _refuse_depth(field)(scope, receive, send)
            return
        await self.app(scope, _replay(body, receive), send)


def _refuse_depth(field: str) -> JSONResponse:
    loc = ["body"] if field == WHOLE_BODY else ["body", field]
    message = depth_message(field).partition(": ")[2]
    return JSONResponse({"detail": [{"loc": loc, "msg": message, "type": "json_too_deep"}]}, 422)


async def _read_body(receive: Receive) -> bytes | None:
    """The whole body (already size-limited by the outer middleware); None on disconnect."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that hands the app the body read here, then the real channel."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay

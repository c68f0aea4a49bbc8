"""The one place that turns domain errors into HTTP answers: JSON for the API, pages for people."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException

from backcare.errors import (
    BackcareError,
    ConflictError,
    ForbiddenError,
    InvalidInputError,
    NotAuthenticatedError,
    NotFoundError,
)
from backcare.web.state import web_state

API_PREFIX = "/api/"
SIGN_IN_PATH = "/signin"
_STATUS: tuple[tuple[type[BackcareError], int], ...] = (
    (NotAuthenticatedError, 401),
    (ForbiddenError, 403),
    (NotFoundError, 404),
    (ConflictError, 409),
    (InvalidInputError, 422),
)
UNSTORABLE = "A value could not be stored: it holds characters or numbers the database cannot keep."


def status_for(error: BackcareError) -> int:
    """The HTTP status of a domain error; any other expected failure is a bad request."""
    return next((code for kind, code in _STATUS if isinstance(error, kind)), 400)


def field_problem(
    message: str, kind: str, *, query: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """A FastAPI-style error entry; messages written 'field: sentence' name their field,
    located in the query string when ``query`` names it, else in the body."""
    field, sep, rest = message.partition(": ")
    if sep and field.isidentifier():
        return {"loc": ["query" if field in query else "body", field], "msg": rest, "type": kind}
    return {"loc": ["body"], "msg": message, "type": kind}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(API_PREFIX)


def _page(request: Request, status: int, message: str, problems: list[str]) -> Response:
    return web_state(request).templates.TemplateResponse(
        request,
        "error.html",
        {"status": status, "message": message, "problems": problems},
        status_code=status,
    )


def _sign_in_first(request: Request) -> Response:
    """Pages send an anonymous visitor to the sign-in page, then back to where they were."""
    target = request.url.path
    if request.method == "GET" and request.url.query:
        target += "?" + request.url.query
    return RedirectResponse(f"{SIGN_IN_PATH}?{urlencode({'next': target})}", status_code=303)


async def on_domain_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, BackcareError)
    status = status_for(exc)
    if status == 401 and not _wants_json(request):
        return _sign_in_first(request)
    if status == 401:
        return JSONResponse({"detail": str(exc)}, 401, headers={"WWW-Authenticate": "Bearer"})
    if not _wants_json(request):
        return _page(request, status, str(exc), [])
    if status == 422:
        query = frozenset(request.query_params.keys())
        problem = field_problem(str(exc), "invalid_input", query=query)
        return JSONResponse({"detail": [problem]}, status)
    return JSONResponse({"detail": str(exc)}, status)


def _plain(message: str) -> str:
    return message.removeprefix("Value error, ")


async def on_validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError | ValidationError)
    errors = [
        {"loc": list(e["loc"]), "msg": _plain(str(e["msg"])), "type": e["type"]}
        for e in exc.errors()
    ]
    if not _wants_json(request):
        lines = [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errors]
        return _page(request, 422, "Some answers could not be used.", lines)
    return JSONResponse({"detail": errors}, 422)


async def on_data_error(request: Request, _exc: Exception) -> Response:
    if not _wants_json(request):
        return _page(request, 422, UNSTORABLE, [])
    return JSONResponse({"detail": [field_problem(UNSTORABLE, "unstorable")]}, 422)


async def on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if _wants_json(request):
        return JSONResponse({"detail": exc.detail}, exc.status_code, headers=exc.headers)
    message = "There is no page here." if exc.status_code == 404 else str(exc.detail)
    return _page(request, exc.status_code, message, [])


def install_error_handlers(app: FastAPI) -> None:
    """Map every expected failure once, for the whole app."""
    app.add_exception_handler(BackcareError, on_domain_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(ValidationError, on_validation_error)
    app.add_exception_handler(DataError, on_data_error)
    app.add_exception_handler(HTTPException, on_http_error)

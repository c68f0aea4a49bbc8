"""What a request may send: a body up to the configured size (413 past it, never read in
full), and JSON nested no deeper than bounded_json.MAX_DEPTH (422 naming the field)."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from backcare.accounts.vocabulary import Role
from backcare.bounded_json import MAX_DEPTH, too_deep
from backcare.knowledge.loader import Knowledge
from backcare.web.request_limits import too_large_message
from tests.web.auth_support import make_account, sign_in
from tests.web.test_hardening import make_app

LIMIT = 64 * 1024
PATIENTS = "/api/v1/patients"
CHUNK = 64 * 1024


@pytest.fixture
def app(tmp_path: Path, knowledge: Knowledge) -> FastAPI:
    return make_app(tmp_path, knowledge, max_body_bytes=LIMIT)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def signed_in(app: FastAPI) -> Iterator[TestClient]:
    """A clinician's browser (session and CSRF token): what reaches the wizard and the API."""
    engine = app.state.backcare.engine
    make_account(engine, "dr-who", Role.CLINICIAN)
    with TestClient(app) as test_client:
        yield sign_in(test_client, "dr-who")


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def post_json(client: TestClient, path: str, text: str) -> Any:
    return client.post(path, content=text, headers={"content-type": "application/json"})


def test_a_body_over_the_limit_is_a_413_with_a_sentence(client: TestClient) -> None:
    response = post_json(client, PATIENTS, json.dumps({"display_name": "x" * LIMIT}))
    assert response.status_code == 413
    assert response.json() == {"detail": too_large_message(LIMIT)}
    assert too_large_message(LIMIT) == (
        "The request body is larger than 64 KiB, the most this server accepts."
    )


def test_a_form_over_the_limit_is_a_413_page(signed_in: TestClient) -> None:
    response = signed_in.post("/start", data={"answers": "x" * LIMIT})
    assert response.status_code == 413
    assert too_large_message(LIMIT) in response.text


def run_asgi(app: FastAPI, headers: list[tuple[bytes, bytes]], chunks: int) -> tuple[int, int]:
    """POST ``chunks`` chunks of CHUNK bytes straight to the ASGI app; the status sent and
    the number of chunks the app asked for."""
    asked, status = 0, 0

    async def receive() -> dict[str, Any]:
        nonlocal asked
        asked += 1
        return {"type": "http.request", "body": b" " * CHUNK, "more_body": asked < chunks}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": PATIENTS,
        "raw_path": PATIENTS.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"localhost"), *headers],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
        "state": {},
    }
    # A thread of its own: the browser tests' Playwright keeps an event loop running on
    # the main thread, and asyncio.run refuses to start inside one.
    failure: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(app(scope, receive, send))  # type: ignore[arg-type]
        except BaseException as error:  # re-raised on the test's thread
            failure.append(error)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    if failure:
        raise failure[0]
    return status, asked


def test_a_declared_50_mb_body_is_refused_before_any_of_it_is_read(app: FastAPI) -> None:
    declared = str(50 * 1024 * 1024).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", declared)]
    status, asked = run_asgi(app, headers, chunks=800)
    assert (status, asked) == (413, 0)


def test_a_streamed_50_mb_body_is_refused_once_past_the_limit(app: FastAPI) -> None:
    status, asked = run_asgi(app, [(b"content-type", b"application/json")], chunks=800)
    assert status == 413
    assert asked == LIMIT // CHUNK + 1


def test_json_nested_too_deep_is_a_422_naming_the_field(client: TestClient) -> None:
    body = '{"display_name": "Ann", "preferences": ' + nested(1000) + "}"
    response = post_json(client, PATIENTS, body)
    assert response.status_code == 422
    (problem,) = response.json()["detail"]
    assert problem["loc"] == ["body", "preferences"]
    assert str(MAX_DEPTH) in problem["msg"]


def test_a_deep_document_that_is_not_an_object_names_the_body(client: TestClient) -> None:
    response = post_json(client, PATIENTS, nested(1000))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body"]


def test_the_wizard_answers_nested_1000_deep_are_a_422_naming_answers(
    signed_in: TestClient,
) -> None:
    answers = '{"age": ' + nested(1000) + "}"
    response = signed_in.post("/start", data={"answers": answers, "step": "warning"})
    assert response.status_code == 422
    assert response.context["message"].startswith("answers: nested more than")  # type: ignore[attr-defined]


def test_json_at_the_depth_limit_reaches_the_schema(signed_in: TestClient) -> None:
    body = '{"display_name": "Ann", "preferences": ' + nested(MAX_DEPTH - 1) + "}"
    response = post_json(signed_in, PATIENTS, body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] != "json_too_deep"


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    text = json.dumps({"note": "[" * 100 + '\\"{' * 100, "list": [[1]] * 30})
    assert too_deep(text) is None


def test_depth_is_counted_per_branch_not_in_total() -> None:
    assert too_deep(json.dumps({"a": [[[]]] * 50})) is None
    assert too_deep(json.dumps({"a": 1, "b": json.loads(nested(MAX_DEPTH))})) == "b"

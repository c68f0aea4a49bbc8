"""The app as a whole: the transaction edge, OpenAPI, error mapping, nothing built at import."""

from __future__ import annotations

import gc
import importlib
import sys

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

from backcare.web.errors import UNSTORABLE
from tests.store.helpers import count_rows
from tests.web.auth_support import sign_in

API = "/api/v1/patients"


def test_importing_the_app_module_builds_nothing() -> None:
    sys.modules.pop("backcare.web.app", None)
    module = importlib.import_module("backcare.web.app")
    assert not [name for name, value in vars(module).items() if isinstance(value, FastAPI)]


def test_the_served_app_leaves_its_start_up_heap_out_of_collection(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backcare.web.app import app_from_environment

    monkeypatch.setenv("BACKCARE_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    gc.unfreeze()
    try:
        app = app_from_environment()
        assert gc.get_freeze_count() > 0
        assert app.state.backcare.knowledge is not None
    finally:
        gc.unfreeze()  # the rest of the test run collects as usual


def test_openapi_describes_every_feature(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/v1/patients",
        "/api/v1/patients/{patient_id}/assessments",
        "/api/v1/patients/{patient_id}/plan/versions/{version}",
        "/api/v1/patients/{patient_id}/checkins",
        "/api/v1/patients/{patient_id}/sessions",
        "/api/v1/patients/{patient_id}/measures",
        "/api/v1/patients/{patient_id}/progress",
        "/api/v1/patients/{patient_id}/review",
        "/api/v1/patients/{patient_id}/export",
    ):
        assert path in paths
    assert client.get("/docs").status_code == 200


def test_health_names_the_database(client: TestClient) -> None:
    assert client.get("/api/v1/health").json()["status"] == "ok"


def test_a_failed_commit_is_never_reported_as_success(
    app: FastAPI, engine: Engine, clinician: str
) -> None:
    def refuse(_session: Session) -> None:
        raise RuntimeError("disk full")

    with TestClient(app, raise_server_exceptions=False) as client:
        sign_in(client, clinician)
        event.listen(Session, "before_commit", refuse)
        try:
            response = client.post(API, json={"display_name": "Lost"})
            assert response.status_code == 500
        finally:
            event.remove(Session, "before_commit", refuse)
    assert count_rows(engine, "patients") == 0


def test_domain_error_is_mapped_to_json(client: TestClient) -> None:
    response = client.get(f"{API}/{'c' * 32}")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"


def test_unknown_api_path_is_json_404(client: TestClient) -> None:
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


def test_unknown_page_is_an_html_404(client: TestClient) -> None:
    response = client.get("/nothing-here")
    assert response.status_code == 404
    assert response.template.name == "error.html"  # type: ignore[attr-defined]


def test_a_nul_in_a_name_is_the_same_422_on_either_database(client: TestClient) -> None:
    response = client.post(API, json={"display_name": "Ann\u0000"})
    assert response.status_code == 422
    (problem,) = response.json()["detail"]
    assert problem["loc"] == ["body", "display_name"]
    assert problem["msg"].startswith("holds a control character (U+0000)")
    assert UNSTORABLE not in problem["msg"]

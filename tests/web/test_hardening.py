"""Hardening every answer shares: the Host check, the security headers, /docs without a CDN.

These tests use only what needs no sign-in (health, static files, /docs, error pages).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from backcare.knowledge.loader import Knowledge
from backcare.settings import Settings
from backcare.store.migrate import open_store
from backcare.web.app import create_app
from backcare.web.hardening import STRICT_TRANSPORT_SECURITY

HEALTH = "/api/v1/health"
TEMPLATES = Path(__file__).parents[2] / "src" / "backcare" / "web" / "templates"
PUBLIC_HOST = "care.example.org"
# Answers of every kind: JSON, a page, an error page, a static file, a refused Host.
ANSWERS = [HEALTH, "/docs", "/static/app.js", "/api/v1/nothing", "/nothing-here"]


def make_app(tmp_path: Path, knowledge: Knowledge, **settings: object) -> FastAPI:
    url = f"sqlite:///{tmp_path / 'backcare.db'}"
    open_store(Settings(database_url=url)).dispose()
    config = Settings(database_url=url, environment="test", **settings)  # type: ignore[arg-type]
    return create_app(config, knowledge=knowledge)


@pytest.fixture
def client(tmp_path: Path, knowledge: Knowledge) -> Iterator[TestClient]:
    app = make_app(tmp_path, knowledge, allowed_hosts=f"localhost,{PUBLIC_HOST}")
    with TestClient(app) as test_client:
        yield test_client


def csp_directives(client: TestClient) -> dict[str, list[str]]:
    policy = client.get(HEALTH).headers["content-security-policy"]
    parts = [part.split() for part in policy.split(";") if part.strip()]
    return {name: values for name, *values in parts}


def test_a_foreign_host_is_refused(client: TestClient) -> None:
    response = client.get(HEALTH, headers={"host": "attacker.example"})
    assert response.status_code == 400


def test_a_configured_host_is_served(client: TestClient) -> None:
    assert client.get(HEALTH, headers={"host": f"{PUBLIC_HOST}:8443"}).status_code == 200


def test_loopback_names_are_the_default_hosts(tmp_path: Path, knowledge: Knowledge) -> None:
    with TestClient(make_app(tmp_path, knowledge)) as client:
        for host in ("localhost:8000", "127.0.0.1:8000", "[::1]:8000"):
            assert client.get(HEALTH, headers={"host": host}).status_code == 200
        assert client.get(HEALTH, headers={"host": PUBLIC_HOST}).status_code == 400


@pytest.mark.parametrize("path", ANSWERS)
@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "no-referrer"),
        ("x-frame-options", "DENY"),
    ],
)
def test_every_answer_carries_the_header(
    client: TestClient, path: str, header: str, value: str
) -> None:
    assert client.get(path).headers[header] == value


@pytest.mark.parametrize("path", ANSWERS)
def test_every_answer_carries_the_content_security_policy(client: TestClient, path: str) -> None:
    assert "frame-ancestors 'none'" in client.get(path).headers["content-security-policy"]


def test_a_refused_host_still_gets_the_headers(client: TestClient) -> None:
    response = client.get(HEALTH, headers={"host": "attacker.example"})
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "content-security-policy" in response.headers


def test_the_policy_allows_no_inline_or_foreign_script(client: TestClient) -> None:
    directives = csp_directives(client)
    assert directives["script-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    policy = " ".join(" ".join(values) for values in directives.values())
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_hsts_is_sent_over_https_only(client: TestClient) -> None:
    assert "strict-transport-security" not in client.get(HEALTH).headers
    with TestClient(client.app, base_url="https://localhost") as secure:
        headers = secure.get(HEALTH).headers
    assert headers["strict-transport-security"] == STRICT_TRANSPORT_SECURITY


def test_answers_are_not_cached_but_static_files_may_be(client: TestClient) -> None:
    assert client.get(HEALTH).headers["cache-control"] == "no-store"
    assert client.get("/nothing-here").headers["cache-control"] == "no-store"
    assert "no-store" not in client.get("/static/app.js").headers.get("cache-control", "")


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_templates_hold_no_inline_script_or_handler(template: str) -> None:
    text = (TEMPLATES / template).read_text()
    for tag in re.findall(r"<script\b[^>]*>", text):
        # A JSON data block is not run; any other script must come from a file.
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert not re.search(r"\son[a-z]+\s*=", text), "inline event handler"
    assert not re.search(r"\sstyle\s*=", text), "inline style"
    assert "javascript:" not in text


def test_pages_build_no_address_from_the_host_header(client: TestClient) -> None:
    page = client.get("/nothing-here", headers={"host": PUBLIC_HOST})
    docs = client.get("/docs", headers={"host": PUBLIC_HOST})
    assert page.status_code == 404
    assert PUBLIC_HOST not in page.text
    assert PUBLIC_HOST not in docs.text


def test_docs_load_swagger_ui_from_this_server(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources
    assert all(source.startswith("/") for source in sources), sources
    for source in sources:
        assert client.get(source).status_code == 200, source
    assert client.get("/openapi.json").status_code == 200


def test_docs_are_started_by_a_file_not_an_inline_script(client: TestClient) -> None:
    page = client.get("/docs").text
    assert re.findall(r"<script\b[^>]*>\s*[^<\s]", page) == []
    assert '<script src="/static/docs.js" defer></script>' in page


def test_no_cdn_pages_remain(client: TestClient) -> None:
    assert client.get("/redoc").status_code == 404
    assert client.get("/docs/oauth2-redirect").status_code == 404

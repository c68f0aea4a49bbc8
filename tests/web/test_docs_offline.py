"""/docs works with no network: every file it loads is this server's, and none reaches out."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

import backcare.web

STATIC = Path(backcare.web.__file__).parent / "static"


def test_the_docs_page_names_no_other_host(anonymous: TestClient) -> None:
    page = anonymous.get("/docs")
    assert page.status_code == 200
    assert re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", page.text) is None
    loaded = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert {"/static/swagger/swagger-ui.css", "/static/swagger/swagger-ui-bundle.js"} <= set(loaded)
    for path in loaded:
        assert path.startswith("/static/"), path
        assert anonymous.get(path).status_code == 200, path
    assert "default-src 'self'" in page.headers["content-security-policy"]


def test_the_vendored_stylesheet_and_starter_fetch_nothing_from_elsewhere() -> None:
    css = (STATIC / "swagger" / "swagger-ui.css").read_text(encoding="utf-8")
    urls = re.findall(r"url\(([^)]*)\)", css)
    assert all(u.strip("'\"").startswith("data:") for u in urls), urls
    starter = (STATIC / "docs.js").read_text(encoding="utf-8")
    assert "validatorUrl: null" in starter  # no badge from validator.swagger.io
    assert "http" not in starter


def test_every_vendored_file_is_listed_with_its_licence() -> None:
    listed = (STATIC / "VENDORED.txt").read_text(encoding="utf-8")
    for name in ("htmx.min.js", "swagger/", "Apache License 2.0", "swagger-ui-bundle.js"):
        assert name in listed
    assert (STATIC / "swagger" / "LICENSE").is_file()
    assert (STATIC / "htmx.LICENSE").is_file()

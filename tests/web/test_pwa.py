"""The installable web app: manifest, icons and service worker, served right, CSP unchanged."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from backcare.web.hardening import CONTENT_SECURITY_POLICY
from backcare.web.icons import path_points

SQLITE = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@SQLITE
def test_the_manifest_is_served_to_anyone_with_its_own_type_and_names_real_icons(
    anonymous: TestClient,
) -> None:
    response = anonymous.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/manifest+json"
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    manifest = response.json()
    assert (manifest["start_url"], manifest["scope"], manifest["display"]) == (
        "/",
        "/",
        "standalone",
    )
    for icon in manifest["icons"]:
        got = anonymous.get(icon["src"])
        assert got.status_code == 200, icon
        assert got.headers["content-type"].startswith(icon["type"])
        if icon["type"] == "image/png":
            size = int(icon["sizes"].split("x")[0])
            image = Image.open(io.BytesIO(got.content))
            assert image.size == (size, size)


@SQLITE
def test_the_png_icon_is_drawn_from_the_favicon(anonymous: TestClient) -> None:
    image = Image.open(io.BytesIO(anonymous.get("/icons/192.png").content)).convert("RGB")
    assert image.getpixel((30, 96)) == (11, 92, 173)  # the favicon's blue, #0b5cad
    # The white stroke of the spine runs down the middle.
    assert image.getpixel((96, 96))[0] > 200
    assert anonymous.get("/icons/100.png").status_code == 404
    assert anonymous.get("/icons/99999.png").status_code == 422


def test_the_path_reader_follows_the_favicon_curves() -> None:
    points = path_points("M16 5c-2 4 2 6 0 10s2 6 0 12")
    assert points[0] == (16.0, 5.0)
    assert points[-1] == pytest.approx((16.0, 27.0))


@SQLITE
def test_the_service_worker_is_served_from_the_root_as_script_under_the_same_csp(
    anonymous: TestClient,
) -> None:
    response = anonymous.get("/sw.js")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/javascript; charset=utf-8"
    assert response.headers["cache-control"] == "no-cache"
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY
    assert 'addEventListener("fetch"' in response.text
    # Writes are never cached or replayed by the worker (offline.js does that, with a key).
    assert 'request.method !== "GET"' in response.text


@SQLITE
def test_every_page_links_the_manifest_and_loads_the_offline_script_from_this_site(
    person_client: TestClient,
) -> None:
    page = person_client.get("/")
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page.text
    assert '<script src="/static/offline.js" defer></script>' in page.text
    assert "<script>" not in page.text  # no inline script
    assert person_client.get("/static/offline.js").status_code == 200

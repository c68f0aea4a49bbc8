"""Compressed answers: gzip where it is safe, never a signed-in page to another site's request
(BREACH), nothing compressed twice, caching headers kept."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from backcare.web.compression import MINIMUM_SIZE, CompressionMiddleware
from tests.web.auth_support import Made
from tests.web.test_calendar_feed import CHOICE, assess, make_feed

on_sqlite = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
GZIP = {"Accept-Encoding": "gzip"}
OWN_PAGE = {**GZIP, "Sec-Fetch-Site": "same-origin"}
STATIC = Path(__file__).parents[2] / "src" / "backcare" / "web" / "static"


def vary(response: object) -> set[str]:
    headers = response.headers  # type: ignore[attr-defined]
    return {part.strip().lower() for part in headers.get("vary", "").split(",") if part}


@on_sqlite
def test_an_anonymous_page_is_gzipped_and_says_it_varies(anonymous: TestClient) -> None:
    response = anonymous.get("/urgent-help", headers=GZIP)
    assert response.headers["content-encoding"] == "gzip"
    assert "accept-encoding" in vary(response)
    assert response.num_bytes_downloaded < len(response.content) / 2
    assert "<html" in response.text
    assert response.headers["cache-control"] == "no-store"


@on_sqlite
def test_without_accept_encoding_the_answer_is_plain(anonymous: TestClient) -> None:
    response = anonymous.get("/urgent-help", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in response.headers
    assert response.num_bytes_downloaded == len(response.content)


@on_sqlite
def test_a_signed_in_page_from_the_sites_own_pages_is_gzipped_and_stays_no_store(
    person_client: TestClient, person: Made
) -> None:
    response = person_client.get(f"/patients/{person.patient_id}/checkin", headers=OWN_PAGE)
    assert response.status_code == 200
    assert response.headers["content-encoding"] == "gzip"
    assert response.headers["cache-control"] == "no-store"
    typed = {**GZIP, "Sec-Fetch-Site": "none"}  # typed into the address bar, or a bookmark
    again = person_client.get(f"/patients/{person.patient_id}/checkin", headers=typed)
    assert again.headers["content-encoding"] == "gzip"


@on_sqlite
@pytest.mark.parametrize("site", ["cross-site", "same-site", None])
def test_a_signed_in_page_asked_for_by_another_site_or_an_unknown_one_is_not_compressed(
    person_client: TestClient, person: Made, site: str | None
) -> None:
    # BREACH needs the attacker's requests, which come from another site, answered compressed
    # next to secrets; a browser too old to send Sec-Fetch-Site cannot vouch either.
    headers = {**GZIP, **({"Sec-Fetch-Site": site} if site else {})}
    response = person_client.get(f"/patients/{person.patient_id}/checkin", headers=headers)
    assert response.status_code == 200
    assert "content-encoding" not in response.headers
    assert response.headers["cache-control"] == "no-store"


@on_sqlite
def test_an_api_call_with_a_bearer_token_is_compressed(anonymous: TestClient) -> None:
    # No cookie: nobody's browser can be made to send it. The OpenAPI document is large.
    response = anonymous.get("/openapi.json", headers=GZIP)
    assert response.headers["content-encoding"] == "gzip"
    assert response.json()["info"]["title"] == "Backcare"


@on_sqlite
def test_a_static_file_is_gzipped_cacheable_with_a_weak_etag_that_revalidates(
    anonymous: TestClient,
) -> None:
    response = anonymous.get("/static/backcare.css", headers=GZIP)
    assert response.headers["content-encoding"] == "gzip"
    assert "accept-encoding" in vary(response)
    assert "no-store" not in response.headers.get("cache-control", "")
    assert response.content == (STATIC / "backcare.css").read_bytes()
    etag = response.headers["etag"]
    assert etag.startswith('W/"')
    revalidated = anonymous.get("/static/backcare.css", headers={**GZIP, "If-None-Match": etag})
    assert revalidated.status_code == 304


@on_sqlite
def test_a_static_file_sent_in_chunks_decompresses_to_the_file(anonymous: TestClient) -> None:
    # Over 64 KiB, so FileResponse streams it in several chunks, each flushed through gzip.
    path = STATIC / "swagger" / "swagger-ui-bundle.js"
    assert path.stat().st_size > 3 * 64 * 1024
    response = anonymous.get("/static/swagger/swagger-ui-bundle.js", headers=GZIP)
    assert response.headers["content-encoding"] == "gzip"
    assert (
        "content-length" not in response.headers
        or int(response.headers["content-length"]) == response.num_bytes_downloaded
    )
    assert response.content == path.read_bytes()


@on_sqlite
def test_a_tiny_answer_is_not_compressed(anonymous: TestClient) -> None:
    response = anonymous.get("/static/favicon.svg", headers=GZIP)
    assert len(response.content) < MINIMUM_SIZE
    assert "content-encoding" not in response.headers


@on_sqlite
def test_the_calendar_feed_is_compressed_and_parses_the_same(
    person_client: TestClient, person: Made, anonymous: TestClient
) -> None:
    assert person.patient_id
    assess(person_client, person.patient_id)
    path = make_feed(person_client, CHOICE)
    plain = anonymous.get(path, headers={"Accept-Encoding": "identity"})
    packed = anonymous.get(path, headers=GZIP)
    assert packed.headers["content-encoding"] == "gzip"
    assert packed.headers["cache-control"] == "no-store"
    assert packed.num_bytes_downloaded < plain.num_bytes_downloaded
    # Stable UIDs and one document: the same bytes once decompressed, but for the stamp of
    # when each copy was made (the two requests may fall in different seconds).
    assert _unstamped(packed.content) == _unstamped(plain.content)


def _unstamped(ics: bytes) -> bytes:
    return re.sub(rb"\r\nDTSTAMP:[0-9TZ]+", b"", ics)


def _app(body: bytes, media_type: str, headers: dict[str, str] | None = None) -> TestClient:
    def answer(_request: Request) -> Response:
        return Response(body, media_type=media_type, headers=headers)

    return TestClient(CompressionMiddleware(Starlette(routes=[Route("/", answer)])))


def test_a_pdf_is_not_compressed_again() -> None:
    pdf = b"%PDF-1.7 " + b"x" * 5000
    response = _app(pdf, "application/pdf").get("/", headers=GZIP)
    assert "content-encoding" not in response.headers
    assert response.content == pdf


def test_an_answer_compressed_already_is_not_compressed_twice() -> None:
    packed = gzip.compress(b"a" * 5000)
    client = _app(packed, "text/plain", {"Content-Encoding": "gzip"})
    response = client.get("/", headers=GZIP)
    assert response.headers["content-encoding"] == "gzip"
    assert response.num_bytes_downloaded == len(packed)
    assert response.content == b"a" * 5000


@on_sqlite
def test_a_compressed_page_still_tells_the_test_client_its_template(
    anonymous: TestClient,
) -> None:
    response = anonymous.get("/urgent-help", headers=GZIP)
    assert response.headers["content-encoding"] == "gzip"
    assert response.template.name == "urgent_help.html"  # type: ignore[attr-defined]

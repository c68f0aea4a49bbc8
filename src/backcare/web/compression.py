"""Compressed answers (gzip), without letting BREACH read secrets out of their length.

BREACH: an attacker who can make a signed-in browser send many requests with text of their
choosing reflected in the answer, and who can see the encrypted answers' lengths on the
network, learns a secret in the same answer one character at a time, because the answer
compresses better when the guess matches. Two defences, either of which stops it:

1. No secret repeats byte for byte. Each CSRF token a page carries is masked afresh
   (``backcare.web.auth.csrf.page_token``), so there is nothing stable to guess.
2. A signed-in answer is compressed only when the browser says the request came from this
   site's own pages, or was typed or bookmarked (``Sec-Fetch-Site: same-origin`` or ``none``,
   a header no page can set). An attacker's requests come from another site (or, in a browser
   too old to say, from nowhere it names) and get the plain answer: a person's health data is
   never compressed next to words an attacker chose.

Everything else is compressed: anonymous pages, API calls with a bearer token (no browser
sends one on an attacker's behalf) and the static files (public, the same for everyone).
Already compressed bodies (PDF, PNG, an answer with its own Content-Encoding) are left alone,
so nothing is compressed twice. Caching is untouched: pages keep ``Cache-Control: no-store``
(web.hardening); a compressed static file's ETag becomes weak, as the bytes differ from the
file's own while the meaning is the same (RFC 9110, 8.8.1).

Brotli is not offered: Starlette's maintained middleware speaks gzip only, and for pages of
a few kilobytes brotli saves a few hundred bytes more.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backcare.web.auth.credentials import COOKIE, SECURE_COOKIE
from backcare.web.hardening import STATIC_PREFIX

MINIMUM_SIZE = 500
"""Smaller answers gain too little to be worth it (and gzip's own header is 18 bytes)."""
LEVEL = 5
"""Measured on the demo's largest plan page (173 KB): 32.3 KB in 2.3 ms, against 31.7 KB in
3.3 ms at zlib's default 6 and 39.4 KB in 0.9 ms at 1; Starlette's default 9 is slower still."""
OWN_PAGES = frozenset({"same-origin", "none"})
SESSION_COOKIES = frozenset({COOKIE, SECURE_COOKIE})
NOT_COMPRESSED = (*DEFAULT_EXCLUDED_CONTENT_TYPES, "application/pdf")
"""Formats compressed already: gzip would spend time to save nothing."""


def may_compress(scope: Scope) -> bool:
    """Whether this request's answer may be compressed (see the module's two defences)."""
    if str(scope.get("path", "")).startswith(STATIC_PREFIX):
        return True
    headers = Headers(scope=scope)
    cookies = cookie_parser(headers.get("cookie", ""))
    if SESSION_COOKIES.isdisjoint(cookies):
        return True
    return headers.get("sec-fetch-site") in OWN_PAGES


class CompressionMiddleware:
    """gzip for every answer ``may_compress`` allows, when the client accepts it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not may_compress(scope):
            await self.app(scope, receive, send)
            return

        async def send_weak_etag(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                etag = headers.get("etag")
                if etag and "content-encoding" in headers and not etag.startswith("W/"):
                    headers["etag"] = f"W/{etag}"
            await send(message)

        async def app_around_gzip(scope: Scope, receive: Receive, to_gzip: Send) -> None:
            async def inner_send(message: Message) -> None:
                # Starlette's gzip drops the "http.response.debug" extension (the template and
                # its context, which the test client reads): it goes around gzip instead.
                await (send if message["type"] == "http.response.debug" else to_gzip)(message)

            await self.app(scope, receive, inner_send)

        gzip = GZipMiddleware(
            app_around_gzip,
            minimum_size=MINIMUM_SIZE,
            compresslevel=LEVEL,
            exclude_content_types=NOT_COMPRESSED,
        )
        await gzip(scope, receive, send_weak_etag)


def install_compression(app: FastAPI) -> None:
    """Outermost of all: it compresses the answer as the other layers leave it."""
    app.add_middleware(CompressionMiddleware)

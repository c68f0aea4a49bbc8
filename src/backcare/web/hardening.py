"""What every response carries and every request must pass before any route sees it.

The security headers follow the OWASP Secure Headers Project; the Host check stops DNS
rebinding (a page on another site that resolves its own name to 127.0.0.1 and reads the
answers); the size and depth limits are in backcare.web.request_limits.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backcare.interop.fhir.limits import API_MAX_BYTES
from backcare.settings import Settings
from backcare.web.request_limits import BodyLimitMiddleware, JsonDepthMiddleware

# No inline script, no inline style, nothing from another origin; no plug-ins; forms post
# only here; no page may frame ours (clickjacking). data: images are Swagger UI's icons.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
# Two years, the preload list's minimum; sent only on https answers (browsers ignore it on
# http, and sending it there would be a promise the server cannot keep).
STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains"
SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("content-security-policy", CONTENT_SECURITY_POLICY),
    ("x-content-type-options", "nosniff"),
    # Page addresses hold patient ids: never send them to another site.
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
    ("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
)
# Health data must not stay in shared or browser caches; the static files may.
NO_STORE = ("cache-control", "no-store")
STATIC_PREFIX = "/static/"


_RAW_HEADERS = tuple((name.encode(), value.encode()) for name, value in SECURITY_HEADERS)
_RAW_HSTS = (b"strict-transport-security", STRICT_TRANSPORT_SECURITY.encode())
_RAW_NO_STORE = (NO_STORE[0].encode(), NO_STORE[1].encode())


class SecurityHeadersMiddleware:
    """Adds the security headers to every HTTP response, errors and redirects included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = list(_RAW_HEADERS)
        if scope.get("scheme") == "https":
            extra.append(_RAW_HSTS)
        cacheable = str(scope.get("path", "")).startswith(STATIC_PREFIX)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                # Raw header pairs, added once per answer: this runs on every request.
                headers = list(message.get("headers", ()))
                if not cacheable and all(name != b"cache-control" for name, _ in headers):
                    headers.append(_RAW_NO_STORE)
                message["headers"] = headers + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)


def install_hardening(app: FastAPI, settings: Settings) -> None:
    """Outermost first: headers on every answer, the Host check, the body size, JSON depth."""
    # add_middleware wraps what is there, so the last one added runs first.
    app.add_middleware(JsonDepthMiddleware)
    # A FHIR Bundle to import may be larger than any other body (interop.fhir.limits).
    larger = {"/api/v1/patients/import": max(API_MAX_BYTES, settings.max_body_bytes)}
    app.add_middleware(BodyLimitMiddleware, max_body_bytes=settings.max_body_bytes, larger=larger)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts))
    app.add_middleware(SecurityHeadersMiddleware)

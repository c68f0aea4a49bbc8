"""Credentials in requests: the session cookie and the API's bearer token."""

from __future__ import annotations

from fastapi import Request, Response

from backcare.access.actors import Credential, CredentialKind

COOKIE = "backcare_session"
SECURE_COOKIE = "__Host-backcare_session"
"""The name used over https: browsers then refuse it unless Secure, host-only and path /."""
MAX_SECRET = 200
"""Longer than any secret Backcare issues; anything longer is not worth hashing."""


def is_https(request: Request) -> bool:
    """Whether the browser reached us over https (directly, or through a trusted proxy)."""
    return request.url.scheme == "https"


def credential_from(request: Request) -> Credential | None:
    """The bearer token when there is one, else the session cookie, else None."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return Credential(CredentialKind.TOKEN, value.strip()[:MAX_SECRET])
    name = SECURE_COOKIE if is_https(request) else COOKIE
    cookie = request.cookies.get(name)
    if cookie:
        return Credential(CredentialKind.SESSION, cookie[:MAX_SECRET])
    return None


def client_address(request: Request) -> str:
    """The address the request came from, as the audit log and the throttle see it."""
    return request.client.host if request.client else "unknown"


def set_session_cookie(request: Request, response: Response, secret: str) -> None:
    """Give the browser its session: HttpOnly, SameSite=Lax, Secure over https."""
    secure = is_https(request)
    response.set_cookie(
        SECURE_COOKIE if secure else COOKIE,
        secret,
        httponly=True,
        samesite="lax",
        secure=secure,
        path="/",
    )


def clear_session_cookie(request: Request, response: Response) -> None:
    """Tell the browser to forget its session cookie."""
    secure = is_https(request)
    response.delete_cookie(
        SECURE_COOKIE if secure else COOKIE, path="/", secure=secure, httponly=True, samesite="lax"
    )

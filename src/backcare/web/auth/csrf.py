"""Cross-site request forgery: where an unsafe request came from, and the session's token.

Two independent checks. A browser says where a request comes from (``Sec-Fetch-Site``, and
``Origin`` on a POST): a request from another site is refused whatever it carries. And every
form (and htmx or script request) of a signed-in browser carries the session's CSRF token,
which another site cannot read. A bearer token is never sent by a browser on its own, so API
calls with one need neither check.

Pages carry the token masked (``page_token``): XOR-ed with fresh random bytes, the mask sent
alongside, so no two answers (nor two forms of one page) carry the same bytes, and a
compressed answer's length says nothing about the token (BREACH; backcare.web.compression).
Unmasking gives the same token, so any page's copy works for the whole session.
"""

from __future__ import annotations

import base64
import binascii
import secrets

from fastapi import Request

from backcare.accounts.secrets import same
from backcare.accounts.sessions import csrf_token_for
from backcare.errors import ForbiddenError

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
FIELD = "csrf_token"
HEADER = "x-csrf-token"
ALLOWED_FETCH_SITES = frozenset({"same-origin", "none"})
HIDDEN_ORIGIN = "null"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
FOREIGN = "This request came from another site, so it was refused; use Backcare's own pages."
STALE = (
    "This form has expired (the page was open before you signed in again); "
    "go back, reload the page and send it again."
)


TOKEN_BYTES = 32
"""The session's token is a SHA-256 digest (accounts.sessions.csrf_token_for)."""


def page_token(session_secret: str) -> str:
    """The session's CSRF token as one place on a page carries it: masked afresh each time."""
    token = bytes.fromhex(csrf_token_for(session_secret))
    mask = secrets.token_bytes(TOKEN_BYTES)
    masked = (int.from_bytes(mask) ^ int.from_bytes(token)).to_bytes(TOKEN_BYTES)
    return base64.urlsafe_b64encode(mask + masked).decode().rstrip("=")


def unmasked(sent: str) -> str:
    """The token a masked one stands for (hex, as the session's); anything else as it came."""
    try:
        raw = base64.urlsafe_b64decode(sent + "=" * (-len(sent) % 4))
    except (binascii.Error, ValueError):
        return sent
    if len(raw) != 2 * TOKEN_BYTES:
        return sent
    mask, masked = raw[:TOKEN_BYTES], raw[TOKEN_BYTES:]
    return (int.from_bytes(mask) ^ int.from_bytes(masked)).to_bytes(TOKEN_BYTES).hex()


def check_origin(request: Request) -> None:
    """Refuse an unsafe request that the browser says came from another site."""
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ALLOWED_FETCH_SITES:
        raise ForbiddenError(FOREIGN)
    origin = request.headers.get("origin")
    if origin == HIDDEN_ORIGIN:
        # Every page says Referrer-Policy: no-referrer (web.hardening), so browsers send
        # "Origin: null" with the site's own forms; a sandboxed page of another site sends it
        # too. Only the Fetch Metadata header, which no page can set, may then vouch for it.
        if site is None:
            raise ForbiddenError(FOREIGN)
        return
    if origin is not None and origin != _own_origin(request):
        raise ForbiddenError(FOREIGN)


def _own_origin(request: Request) -> str:
    url = request.url
    default = {"http": 80, "https": 443}.get(url.scheme)
    port = "" if url.port in (None, default) else f":{url.port}"
    return f"{url.scheme}://{url.hostname}{port}"


async def check_token(request: Request, session_secret: str) -> None:
    """Refuse an unsafe request whose CSRF token is missing or not this session's."""
    sent = request.headers.get(HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(FORM_TYPES):
        form = await request.form()  # parsed once: the route's own form reading reuses it
        value = form.get(FIELD)
        sent = value if isinstance(value, str) else None
    # The token unmasked, or as the session holds it (what a script that derives it sends).
    if not sent or not same(unmasked(sent), csrf_token_for(session_secret)):
        raise ForbiddenError(STALE)

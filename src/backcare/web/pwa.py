"""The installable web app: its manifest, its icons, and the service worker at the site's root.

The service worker must be served from ``/`` to control every page (a worker's scope is the
folder it is served from), so ``/sw.js`` answers with ``static/sw.js``. It is plain script
from this origin, so the Content-Security-Policy (``script-src 'self'``, which ``worker-src``
falls back to) allows it without any change.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter
from fastapi import Path as PathParam
from fastapi.responses import Response

from backcare.errors import NotFoundError
from backcare.web.deps import PublicAccess
from backcare.web.icons import SIZES, icon_png

router = APIRouter(include_in_schema=False)
STATIC = Path(__file__).parent / "static"
THEME = "#0b5cad"
MANIFEST_TYPE = "application/manifest+json"
SCRIPT_TYPE = "text/javascript; charset=utf-8"
REVALIDATE = ("cache-control", "no-cache")
"""The worker and the manifest are checked for a newer version on every load."""


@cache
def manifest() -> bytes:
    """The web app manifest (W3C Web Application Manifest)."""
    icons = [{"src": "/static/favicon.svg", "sizes": "any", "type": "image/svg+xml"}]
    icons += [
        {"src": f"/icons/{size}.png", "sizes": f"{size}x{size}", "type": "image/png"}
        for size in SIZES
    ]
    document = {
        "name": "Backcare",
        "short_name": "Backcare",
        "description": "Your back care plan, today's session and check-in, also offline.",
        "id": "/",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME,
        "lang": "en",
        "icons": icons,
    }
    return json.dumps(document, indent=2).encode()


@router.get("/manifest.webmanifest")
def web_manifest(_public: PublicAccess) -> Response:
    """What a phone needs to install Backcare: name, icons, colours, where it starts."""
    return Response(manifest(), media_type=MANIFEST_TYPE, headers=dict([REVALIDATE]))


@router.get("/sw.js")
def service_worker(_public: PublicAccess) -> Response:
    """The service worker (static/sw.js), from the root so its scope is the whole site."""
    body = (STATIC / "sw.js").read_bytes()
    return Response(body, media_type=SCRIPT_TYPE, headers=dict([REVALIDATE]))


@router.get("/icons/{size}.png")
def icon(size: Annotated[int, PathParam(ge=1, le=1024)], _public: PublicAccess) -> Response:
    """The favicon as a PNG of one of the manifest's sizes."""
    if size not in SIZES:
        raise NotFoundError(f"There is no {size}-pixel icon; the sizes are {SIZES}.")
    return Response(
        icon_png(size), media_type="image/png", headers={"cache-control": "max-age=86400"}
    )

"""The interactive API description at /docs, served from this server's own files.

FastAPI's built-in page loads Swagger UI from a CDN and starts it with an inline script;
both are refused by the Content-Security-Policy (backcare.web.hardening). This page loads
the vendored copy under /static/swagger and starts it from /static/docs.js.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from backcare.web.deps import PublicAccess
from backcare.web.state import web_state

DOCS_PATH = "/docs"
router = APIRouter(include_in_schema=False)


@router.get(DOCS_PATH)
def docs(request: Request, _public: PublicAccess) -> Response:
    """Swagger UI on the app's OpenAPI description (open to everyone, like the description)."""
    app = request.app
    return web_state(request).templates.TemplateResponse(
        request, "docs.html", {"title": app.title, "openapi_url": app.openapi_url}
    )

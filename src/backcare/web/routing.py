"""The API's routes held by the app itself: how the app matches a request in one pass.

FastAPI matches an included router by walking it, and a router included inside another is
walked again at every level on the way down: with the API's nine routers under /api/v1, finding
the check-in route took about 200 µs a request, as long as a bare endpoint's routing and
validation together (bench/api_bench.py). Each API router therefore declares its full path
(web.api.paths) and the app holds their routes directly, API first, matched in one pass.
The routes are the very objects the routers built, so their paths, names, tags, responses and
dependencies are exactly as declared, and so is the OpenAPI description.
"""

from __future__ import annotations

from collections.abc import Iterable

from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute


def add_routes_directly(app: FastAPI, routers: Iterable[APIRouter]) -> None:
    """Put the routes of ``routers`` on the app itself, in order, before those it already has."""
    routes: list[APIRoute] = []
    for router in routers:
        for route in router.routes:
            if not isinstance(route, APIRoute):  # pragma: no cover - a nested or mounted router
                raise TypeError(f"{route!r}: only plain API routes can be held directly")
            routes.append(route)
    app.router.routes[:0] = routes

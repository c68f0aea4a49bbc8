"""Server-rendered pages (Jinja2, htmx where it helps), one router per screen."""

from __future__ import annotations

from fastapi import APIRouter

from backcare.web.pages import (
    account,
    admin,
    checkin,
    home,
    intake,
    plan,
    progress,
    record_access,
    reminders,
    session,
    signin,
    weekly,
    welcome,
)


def pages_router() -> APIRouter:
    """Every page route; pages are not part of the OpenAPI description."""
    router = APIRouter(include_in_schema=False)
    for module in (home, intake, plan, session, checkin, weekly, progress, record_access):
        router.include_router(module.router)
    for module in (signin, welcome, account, reminders, admin):
        router.include_router(module.router)
    return router

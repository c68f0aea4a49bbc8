"""Server-rendered pages (Jinja2, htmx where it helps), one router per screen."""

from __future__ import annotations

from fastapi import APIRouter

from backcare.web.pages import (
    account,
    admin,
    alerts,
    appointments,
    case_reviews,
    case_summary,
    caseload,
    checkin,
    clinics,
    home,
    intake,
    join,
    messages,
    notes,
    plan,
    plan_edit,
    progress,
    record_access,
    record_import,
    referrals,
    reminders,
    seen,
    session,
    signin,
    team,
    today,
    weekly,
    welcome,
)


def pages_router() -> APIRouter:
    """Every page route; pages are not part of the OpenAPI description."""
    router = APIRouter(include_in_schema=False)
    pages = (home, today, intake, plan, plan_edit, session, checkin, weekly, progress)
    for module in (*pages, record_access, notes, messages):
        router.include_router(module.router)
    for module in (signin, welcome, account, reminders, admin):
        router.include_router(module.router)
    for team_module in (
        team,
        alerts,
        seen,
        join,
        caseload,
        clinics,
        case_reviews,
        case_summary,
        referrals,
        appointments,
        record_import,
    ):
        router.include_router(team_module.router)
    return router

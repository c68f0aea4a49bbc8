"""The REST API under /api/v1, one router per feature."""

from __future__ import annotations

from fastapi import APIRouter

from backcare.web.api import (
    access,
    account,
    alerts,
    assessments,
    caseload,
    health,
    messages,
    notes,
    patients,
    plan_edits,
    plans,
    progress,
    records,
    seen,
    team,
    tracking,
)

API_V1 = "/api/v1"


def api_router() -> APIRouter:
    """Every API route, mounted under /api/v1."""
    router = APIRouter(prefix=API_V1)
    modules = (
        health,
        account,
        patients,
        records,
        assessments,
        plans,
        plan_edits,
        tracking,
        progress,
        access,
        notes,
        messages,
    )
    for module in modules:
        router.include_router(module.router)
    for team_module in (team, alerts, seen, caseload):
        router.include_router(team_module.router)
    return router

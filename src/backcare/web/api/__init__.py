"""The REST API under /api/v1, one router per feature."""

from __future__ import annotations

from fastapi import APIRouter

from backcare.web.api import (
    access,
    account,
    alerts,
    appointments,
    assessments,
    case_reviews,
    caseload,
    health,
    messages,
    notes,
    patients,
    plan_edits,
    plans,
    progress,
    records,
    referrals,
    seen,
    team,
    tracking,
)
from backcare.web.api.paths import API_V1

__all__ = ["API_V1", "api_routers"]


def api_routers() -> tuple[APIRouter, ...]:
    """Every API router, each declaring its full path under /api/v1 (see web.routing)."""
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
        team,
        alerts,
        seen,
        caseload,
        case_reviews,
        referrals,
        appointments,
    )
    return tuple(module.router for module in modules)

"""Liveness: the app answers and its database is reachable."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text
from sqlalchemy.orm import Session

from backcare.web.api.paths import API_V1
from backcare.web.deps import DatabaseDep, PublicAccess
from backcare.web.schemas import Health

router = APIRouter(prefix=API_V1, tags=["health"])


def _check(session: Session) -> Health:
    session.execute(text("SELECT 1"))
    return Health(status="ok", database=session.get_bind().dialect.name)


@router.get("/health")
async def health(db: DatabaseDep, _public: PublicAccess) -> Health:
    """Whether the server and its database answer."""
    return await db.read(_check)

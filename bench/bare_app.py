"""The baseline for api_bench: bare FastAPI endpoints that write and read the same rows.

No Backcare code between the request and the database: no services, no review of the
check-in, no response models beyond a dict. Same engine settings (SQLite pragmas, IMMEDIATE
writes) and one transaction per request, so the difference is Backcare's own overhead.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from fastapi import FastAPI
from pydantic import BaseModel
from sqlalchemy import Table, insert, select

from backcare.assessments.models import PlanVersion
from backcare.settings import Settings
from backcare.store.db import make_engine, read_only
from backcare.store.types import utcnow
from backcare.tracking.models import CheckIn


class CheckInBody(BaseModel):
    date: dt.date
    pain_now: int
    sessions_done: int = 0
    minutes: int = 0


def create_bare_app() -> FastAPI:
    """The uvicorn factory: settings from BACKCARE_* like the real app."""
    engine = make_engine(Settings())
    checkins = cast(Table, CheckIn.__table__)
    app = FastAPI()

    @app.post("/bare/patients/{patient_id}/checkins", status_code=201)
    def add_checkin(patient_id: str, body: CheckInBody) -> dict[str, Any]:
        values = {
            "patient_id": patient_id,
            **body.model_dump(),
            "notes": "",
            "warnings": [],
            "flare_up": False,
            "created_at": utcnow(),
        }
        with engine.begin() as conn:
            row_id = conn.execute(insert(checkins).returning(checkins.c.id), values).scalar_one()
        return {"id": row_id}

    @app.get("/bare/patients/{patient_id}/plan")
    def current_plan(patient_id: str) -> dict[str, Any]:
        query = (
            select(PlanVersion.version, PlanVersion.plan)
            .where(PlanVersion.patient_id == patient_id)
            .order_by(PlanVersion.version.desc())
            .limit(1)
        )
        with read_only(engine) as session:
            version, plan = session.execute(query).one()
        return {"version": version, "plan": plan}

    return app

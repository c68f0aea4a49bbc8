"""The baseline for api_bench: bare FastAPI endpoints that write and read the same rows.

No Backcare code between the request and the database: no services, no review of the
check-in, no response models (a dict, or the stored plan as it is). What is not Backcare's
own is the same: the engine (SQLite pragmas, IMMEDIATE writes and the write lock, the pool),
as many threads for database work, statements built once, the start-up heap frozen, and one
transaction per request; so the difference is Backcare's own overhead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, cast

from anyio import to_thread
from fastapi import FastAPI, Response
from pydantic import BaseModel
from sqlalchemy import Table, Text, bindparam, select
from sqlalchemy import cast as sql_cast
from sqlalchemy.dialects import postgresql, sqlite

from backcare.assessments.models import PlanVersion
from backcare.settings import Settings
from backcare.store.db import POOL_SIZE, make_engine, read_only
from backcare.store.types import utcnow
from backcare.tracking.models import CheckIn
from backcare.web.app import freeze_startup_heap


class CheckInBody(BaseModel):
    date: dt.date
    pain_now: int
    sessions_done: int = 0
    minutes: int = 0


def create_bare_app() -> FastAPI:
    """The uvicorn factory: settings from BACKCARE_* like the real app."""
    engine = make_engine(Settings())
    checkins = cast(Table, CheckIn.__table__)
    # One check-in a day: a second one that day replaces the answers of the first, as
    # Backcare's does (an upsert, one statement).
    dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
    upsert = dialect.insert(checkins)
    answers = ("pain_now", "sessions_done", "minutes", "notes", "created_at")
    add_row = upsert.on_conflict_do_update(
        index_elements=["patient_id", "date"],
        set_={name: upsert.excluded[name] for name in answers},
    ).returning(checkins.c.id)
    # The plan as stored, not decoded and encoded again: what Backcare's endpoint sends.
    plan_query = (
        select(PlanVersion.version, sql_cast(PlanVersion.plan, Text))
        .where(PlanVersion.patient_id == bindparam("patient_id"))
        .order_by(PlanVersion.version.desc())
        .limit(1)
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Backcare runs database work on at most POOL_SIZE threads (web/transactions.py).
        to_thread.current_default_thread_limiter().total_tokens = POOL_SIZE
        yield
        engine.dispose()

    app = FastAPI(lifespan=lifespan)

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
            row_id = conn.execute(add_row, values).scalar_one()
        return {"id": row_id}

    @app.get("/bare/patients/{patient_id}/plan")
    def current_plan(patient_id: str) -> Response:
        with read_only(engine) as session:
            params = {"patient_id": patient_id}
            version, plan = session.connection().execute(plan_query, params).one()
        return Response(f'{{"version":{version},"plan":{plan}}}', media_type="application/json")

    freeze_startup_heap()
    return app

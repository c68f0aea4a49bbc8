"""The baselines for api_bench and api_cpu_bench: the same requests with no access control.

Two baselines, both on the same engine (SQLite pragmas, IMMEDIATE writes and the write lock,
the pool of POOL_SIZE connections), as many threads for database work, the start-up heap
frozen, and one transaction per request:

``create_bare_app`` (the target's baseline, "bare") is Backcare's own app with only the
access control taken out: the very same route functions, path and body validation, idempotency
header, check-in service (the clinical review included), response models and error handlers,
each request's work run in one transaction on a worker thread exactly as ``Access`` runs it.
What it does not do is everything issue 10 added around that work: no credential read (no
bearer header, no cookie, no CSRF check), no actor loaded, no policy asked, no session touched,
no audit line written and waited for, and none of the security middleware (Host check,
security headers, body size limit, JSON depth limit). So the difference from Backcare's
signed-in request is exactly the cost of authentication, authorization, audit and hardening.

``create_raw_app`` ("raw", the stricter reference) has no Backcare code between the request
and the database: no services, no review of the check-in, no response models (a dict, or the
stored plan as it is); it writes and reads the same rows in one statement each.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from anyio import to_thread
from fastapi import FastAPI, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel
from sqlalchemy import Table, Text, bindparam, select
from sqlalchemy import cast as sql_cast
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from starlette.routing import BaseRoute

from backcare.access.policy import Action, Actor, Kind
from backcare.assessments.models import PlanVersion
from backcare.settings import Settings
from backcare.store.db import POOL_SIZE, make_engine, read_only, unit_of_work
from backcare.store.types import utcnow
from backcare.tracking.models import CheckIn
from backcare.web.app import create_app, freeze_startup_heap
from backcare.web.auth.guard import PUBLIC, guard
from backcare.web.state import Clock, WebState

T = TypeVar("T")
BARE_ACTOR = Actor(kind=Kind.OPERATOR, name="bare")
"""Who the work is told is acting (only an Idempotency-Key's owner reads it): nobody checked."""


@dataclass(frozen=True, slots=True)
class UncheckedAccess:
    """``Access`` (web.auth.guard) without the access: the work in one transaction, as there,
    with no actor loaded, no policy asked and no audit line."""

    state: WebState

    async def write(self, work: Callable[[Session], T]) -> T:
        return await self.write_as(lambda session, _actor: work(session))

    async def read(self, work: Callable[[Session], T]) -> T:
        return await self.read_as(lambda session, _actor: work(session))

    async def write_as(self, work: Callable[[Session, Actor], T]) -> T:
        return await self.state.database.run(lambda: self._run(work, write=True))

    async def read_as(self, work: Callable[[Session, Actor], T]) -> T:
        return await self.state.database.run(lambda: self._run(work, write=False))

    def _run(self, work: Callable[[Session, Actor], T], *, write: bool) -> T:
        transaction = unit_of_work if write else read_only
        with transaction(self.state.engine) as session:
            return work(session, BARE_ACTOR)


def create_bare_app(settings: Settings | None = None, *, today: Clock = dt.date.today) -> FastAPI:
    """Backcare's app minus authentication, authorization, audit and the security middleware.

    The uvicorn factory (no arguments): settings from BACKCARE_* like the real app.
    """
    app = create_app(settings or Settings(), today=today)
    state: WebState = app.state.backcare
    # Starlette builds the middleware stack on the first request: emptied here, only its own
    # error and exception middleware remain (as in any FastAPI app).
    app.user_middleware.clear()

    async def unchecked() -> UncheckedAccess:
        return UncheckedAccess(state)

    for action in Action:
        app.dependency_overrides[guard(action)] = unchecked
    app.dependency_overrides[PUBLIC] = unchecked
    # The app holds the API routers' own route objects (web.routing), shared by every app in
    # the process and so reading no app's overrides: the bare app gets copies that read its own.
    app.router.routes[:] = [_reading_overrides(route, app) for route in app.router.routes]
    freeze_startup_heap()
    return app


def _reading_overrides(route: BaseRoute, app: FastAPI) -> BaseRoute:
    """A copy of an API route, built as FastAPI builds it, that honours ``app``'s overrides."""
    if not isinstance(route, APIRoute):
        return route
    names = [name for name in inspect.signature(APIRoute.__init__).parameters if name != "self"]
    given = {name: getattr(route, name) for name in names}
    return APIRoute(**{**given, "dependency_overrides_provider": app})


class CheckInBody(BaseModel):
    date: dt.date
    pain_now: int
    sessions_done: int = 0
    minutes: int = 0


def create_raw_app() -> FastAPI:
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

    @app.post("/raw/patients/{patient_id}/checkins", status_code=201)
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

    @app.get("/raw/patients/{patient_id}/plan")
    def current_plan(patient_id: str) -> Response:
        with read_only(engine) as session:
            params = {"patient_id": patient_id}
            version, plan = session.connection().execute(plan_query, params).one()
        return Response(f'{{"version":{version},"plan":{plan}}}', media_type="application/json")

    freeze_startup_heap()
    return app

"""The FastAPI application, built by ``create_app(settings)``; nothing is created at import."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from backcare.access.audit_writer import AuditWriter
from backcare.accounts.passwords import hasher_for
from backcare.accounts.secrets import new_secret
from backcare.engine import default_knowledge
from backcare.jobs.scheduler import ReviewScheduler
from backcare.knowledge.loader import Knowledge
from backcare.settings import Settings
from backcare.store.db import make_engine
from backcare.store.types import utcnow
from backcare.web import docs, pwa
from backcare.web.api import api_routers
from backcare.web.compression import install_compression
from backcare.web.errors import install_error_handlers
from backcare.web.feed_limits import FetchLimiter
from backcare.web.hardening import install_hardening
from backcare.web.pages import pages_router
from backcare.web.pictures import Pictures
from backcare.web.routing import add_routes_directly
from backcare.web.state import Clock, TimeClock, WebState
from backcare.web.templating import make_templates
from backcare.web.transactions import Database

HERE = Path(__file__).parent
DESCRIPTION = (
    "Backcare's REST API: intake and red-flag triage, explained self-care plans and their "
    "versions, check-ins, session logs, outcome measures, progress, reviews, export and "
    "erasure. Backcare does not diagnose and does not prescribe."
)


def create_app(
    settings: Settings,
    *,
    knowledge: Knowledge | None = None,
    today: Clock = dt.date.today,
    now: TimeClock = utcnow,
) -> FastAPI:
    """An app for ``settings``; the database must already be migrated (``backcare serve`` does)."""
    engine = make_engine(settings)
    passwords = hasher_for(settings)
    knowledge = knowledge or default_knowledge()
    state = WebState(
        settings=settings,
        engine=engine,
        knowledge=knowledge,
        templates=make_templates(HERE / "templates"),
        today=today,
        database=Database(engine),
        pictures=Pictures(knowledge),
        now=now,
        passwords=passwords,
        dummy_hash=passwords.hash(new_secret()),
        audit=AuditWriter(engine),
    )

    scheduler = _review_scheduler(state)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if scheduler is not None:
            scheduler.start()
        yield
        if scheduler is not None:
            scheduler.stop()
        state.audit.close()
        state.engine.dispose()

    app = FastAPI(
        title="Backcare",
        version="1",
        description=DESCRIPTION,
        lifespan=lifespan,
        # FastAPI's own pages load from a CDN with inline script: /docs is served by
        # backcare.web.docs instead, and there is no ReDoc page or OAuth2 redirect.
        docs_url=None,
        redoc_url=None,
        swagger_ui_oauth2_redirect_url=None,
    )
    app.state.backcare = state
    app.state.feed_limiter = FetchLimiter()
    install_error_handlers(app)
    install_hardening(app, settings)
    install_compression(app)
    add_routes_directly(app, api_routers())
    app.include_router(docs.router)
    app.include_router(pages_router())
    app.include_router(pwa.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app


def _review_scheduler(state: WebState) -> ReviewScheduler | None:
    """The weekly-review scheduler of this worker, when the settings turn it on."""
    settings = state.settings
    if not settings.scheduler_on:
        return None
    return ReviewScheduler(
        state.engine,
        knowledge=state.knowledge,
        every=dt.timedelta(minutes=settings.review_every_minutes),
        today=state.today,
        now=state.now,
    )


def app_from_environment() -> FastAPI:
    """The factory uvicorn calls in each worker: settings from BACKCARE_* variables."""
    app = create_app(Settings())
    freeze_startup_heap()
    return app


def freeze_startup_heap() -> None:
    """Leave what start-up built (modules, the knowledge, the app) out of garbage collection.

    Those objects live as long as the process, yet each full collection walked them all again:
    a pause of 70-170 ms with the knowledge loaded, every few seconds under load, and the
    main cause of slow responses in bench/api_bench.py. Called once per worker, after the app
    is built; the collection first frees start-up garbage so none of it is kept for good.
    """
    gc.collect()
    gc.freeze()

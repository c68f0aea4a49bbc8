"""What one running app holds: built once by ``create_app``, read by the dependencies."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

from fastapi import Request
from fastapi.templating import Jinja2Templates
from sqlalchemy import Engine

from backcare.knowledge.loader import Knowledge
from backcare.settings import Settings
from backcare.web.transactions import Database

Clock = Callable[[], dt.date]


@dataclass(frozen=True, slots=True)
class WebState:
    """Immutable per-process resources; nothing here changes between requests."""

    settings: Settings
    engine: Engine
    knowledge: Knowledge
    templates: Jinja2Templates
    today: Clock
    write_gate: AbstractContextManager[object]
    """Held around each write transaction; a real lock only on SQLite (see ``write_gate``)."""
    database: Database


def write_gate(engine: Engine) -> AbstractContextManager[object]:
    """A per-process lock for SQLite writers, nothing for PostgreSQL.

    SQLite lets one writer in at a time; the others wait in its busy handler, which sleeps in
    growing steps of up to 100 ms, so under load a waiting request often sleeps long after the
    lock was freed. Queueing this process's writers on a lock wakes the next one at once;
    writers in other processes still queue on SQLite's lock, so several workers stay safe.
    """
    return threading.Lock() if engine.dialect.name == "sqlite" else nullcontext()


def web_state(request: Request) -> WebState:
    """The state ``create_app`` attached to the application."""
    state: WebState = request.app.state.backcare
    return state

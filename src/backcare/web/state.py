"""What one running app holds: built once by ``create_app``, read by the dependencies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from argon2 import PasswordHasher
from fastapi import Request
from fastapi.templating import Jinja2Templates
from sqlalchemy import Engine

from backcare.access.audit_writer import AuditWriter
from backcare.knowledge.loader import Knowledge
from backcare.settings import Settings
from backcare.web.pictures import Pictures
from backcare.web.transactions import Database

Clock = Callable[[], dt.date]
TimeClock = Callable[[], dt.datetime]


@dataclass(frozen=True, slots=True)
class WebState:
    """Immutable per-process resources; nothing here changes between requests."""

    settings: Settings
    engine: Engine
    knowledge: Knowledge
    templates: Jinja2Templates
    today: Clock
    database: Database
    now: TimeClock
    """The current time (aware, UTC): sign-in deadlines, token expiry, the audit log."""
    passwords: PasswordHasher
    dummy_hash: str
    """A hash of nothing anyone knows: checked when there is no real one, to take equal time."""
    audit: AuditWriter
    """Writes each request's audit line in batches (backcare.access.audit_writer)."""
    pictures: Pictures


def web_state(request: Request) -> WebState:
    """The state ``create_app`` attached to the application."""
    state: WebState = request.app.state.backcare
    return state

"""What one running app holds: built once by ``create_app``, read by the dependencies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Request
from fastapi.templating import Jinja2Templates
from sqlalchemy import Engine

from backcare.knowledge.loader import Knowledge
from backcare.settings import Settings
from backcare.web.pictures import Pictures
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
    database: Database
    pictures: Pictures


def web_state(request: Request) -> WebState:
    """The state ``create_app`` attached to the application."""
    state: WebState = request.app.state.backcare
    return state

"""The Jinja environment: autoescaping, plain-word filters shared by every page."""

from __future__ import annotations

from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates

from backcare.web import wording
from backcare.web.auth.csrf import page_token


def make_templates(directory: Path) -> Jinja2Templates:
    """Templates from ``directory`` with Backcare's filters."""
    templates = Jinja2Templates(directory=directory)
    env = templates.env
    env.filters["words"] = wording.words
    env.filters["minutes"] = wording.minutes
    env.filters["day_name"] = wording.day_name
    env.filters["tel_links"] = wording.tel_links
    env.filters["plural"] = wording.plural
    env.globals["DISCLAIMER"] = wording.DISCLAIMER
    env.globals["csrf_token"] = csrf_token
    env.globals["signed_in"] = signed_in
    env.globals["may"] = may
    return templates


def csrf_token(request: Request) -> str:
    """The CSRF token every form of a signed-in page carries (empty when nobody is), masked
    afresh at each place (web.auth.csrf.page_token: nothing repeats for BREACH to find)."""
    secret = getattr(request.state, "session_secret", None)
    return page_token(secret) if isinstance(secret, str) else ""


def signed_in(request: Request) -> object:
    """Who is signed in on this page (the policy's actor), or None."""
    return getattr(request.state, "actor", None)


def may(request: Request, action: str) -> bool:
    """Whether the page's reader may take ``action`` on the page's record, as the policy said
    when the page was checked (web.auth.guard.page_guard); True on a page naming no record."""
    allowed = getattr(request.state, "record_actions", None)
    return allowed is None or action in allowed

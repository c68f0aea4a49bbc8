"""The Jinja environment: autoescaping, plain-word filters shared by every page."""

from __future__ import annotations

from pathlib import Path

from fastapi.templating import Jinja2Templates

from backcare.web import wording


def make_templates(directory: Path) -> Jinja2Templates:
    """Templates from ``directory`` with Backcare's filters."""
    templates = Jinja2Templates(directory=directory)
    env = templates.env
    env.filters["words"] = wording.words
    env.filters["minutes"] = wording.minutes
    env.filters["day_name"] = wording.day_name
    env.globals["DISCLAIMER"] = wording.DISCLAIMER
    return templates

"""The printable plan: every item whole (steps, dose, pictures, cautions, sources) on a few pages.

The plan page folds its steps and evidence into <details>, which print with no height; this
view lays everything open for paper, in the order a person uses it: the items timetabled for
today, then the rest of the week's, then what to use when needed, habits, lessons and the
professionals who can help. Sources are numbered once at the end, so each item cites them in a
few characters. The HTML page and the PDF are the same template (``plan_print.html``).

Paper keeps what a person follows with the sheet in hand: each item's dose and days, its
pictures, every step, what to feel and every caution (the item's own, beside it). What is read
once, at a screen, stays there: why each item is in the plan, the summaries the steps and
pictures already say, the full text of the lessons (paper prints each lesson's key point), the
reasons behind the things not recommended, and the plan's explanation.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from backcare.assessments.schemas import PlanVersionRead
from backcare.domain.plan_model import DAYS, Plan, PlanItem
from backcare.domain.vocabulary import Kind
from backcare.knowledge.loader import Knowledge
from backcare.knowledge.schema import Reference
from backcare.pictures.svg import headroom, render
from backcare.web.plan_view import DayView, week_view

HERE = Path(__file__).parent
STYLESHEET = HERE / "static" / "plan-print.css"
STYLESHEET_URL = "/static/plan-print.css"
AS_NEEDED_KINDS = frozenset(
    {
        Kind.stretch,
        Kind.strengthen,
        Kind.mobility,
        Kind.aerobic,
        Kind.self_massage,
        Kind.partner_massage,
        Kind.foam_rolling,
        Kind.heat,
        Kind.cold,
        Kind.relaxation,
    }
)
SECTIONS = (
    ("today", "Today"),
    ("week", "The rest of the week"),
    ("needed", "When you need it"),
    ("habits", "Everyday habits"),
    ("learn", "Learn about your back"),
    ("referral", "Professionals who can help"),
)
STOP_SIGNS = (
    "Go gently: mild discomfort is fine. Stop an exercise if pain is sharp, spreads down a leg, "
    "or is much worse afterwards, and talk to your doctor or physiotherapist."
)


@dataclass(frozen=True, slots=True)
class Picture:
    """One picture as an image with its words (the SVG is standalone, so a PDF draws it too)."""

    src: str
    alt: str


@dataclass(frozen=True, slots=True)
class PrintItem:
    item: PlanItem
    days: str
    """The days it is timetabled on in words ("Mon, Wed, Sat", "Every day"), or empty."""
    pictures: tuple[Picture, ...]
    sources: tuple[int, ...]
    """Numbers into the view's ``sources``."""


@dataclass(frozen=True, slots=True)
class PrintDays:
    """Days of the week with the same session, printed as one row ("Mon, Wed, Sat")."""

    names: str
    today: bool
    items: tuple[PlanItem, ...]
    minutes: int


@dataclass(frozen=True, slots=True)
class PrintSection:
    id: str
    title: str
    items: tuple[PrintItem, ...]


@dataclass(frozen=True, slots=True)
class Source:
    number: int
    id: str
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class PrintView:
    """Everything the printable plan shows."""

    name: str
    version: PlanVersionRead
    plan: Plan
    today: dt.date
    week: tuple[PrintDays, ...]
    sections: tuple[PrintSection, ...]
    not_recommended: tuple[tuple[str, tuple[int, ...]], ...]
    """Title and source numbers of each thing not recommended (the reasons are on the screen)."""
    sources: tuple[Source, ...]
    stop_signs: str = STOP_SIGNS


class _Numbering:
    """Numbers sources in order of first citation."""

    def __init__(self, known: Mapping[str, Reference]) -> None:
        self._known = known
        self.sources: list[Source] = []
        self._numbers: dict[str, int] = {}

    def cite(self, ids: Iterable[str]) -> tuple[int, ...]:
        numbers = []
        for ref in ids:
            if ref not in self._numbers:
                found = self._known.get(ref)
                number = len(self.sources) + 1
                self._numbers[ref] = number
                self.sources.append(
                    Source(number, ref, found.title if found else ref, found.url if found else "")
                )
            numbers.append(self._numbers[ref])
        return tuple(numbers)


def _days(item: PlanItem) -> str:
    days = [day for day in DAYS if day in item.days]
    if len(days) == len(DAYS):
        return "Every day"
    return ", ".join(day.capitalize() for day in days)


def _section_of(item: PlanItem, today_code: str) -> str:
    if item.kind == Kind.referral:
        return "referral"
    if item.kind == Kind.education:
        return "learn"
    if item.days:
        return "today" if today_code in item.days else "week"
    return "needed" if item.kind in AS_NEEDED_KINDS else "habits"


def _same_sessions(week: Iterable[DayView]) -> tuple[PrintDays, ...]:
    """The week's days, those with the same items (and so the same minutes) in one row, in the
    order their first day comes; a three-day strength session is one row, not three."""
    rows: dict[tuple[str, ...], list[DayView]] = {}
    for day in week:
        rows.setdefault(tuple(item.id for item in day.items), []).append(day)
    return tuple(
        PrintDays(
            names=", ".join(day.name[:3] if len(days) > 1 else day.name for day in days),
            today=any(day.today for day in days),
            items=days[0].items,
            minutes=days[0].minutes,
        )
        for days in rows.values()
    )


def _first_day(item: PlanItem) -> int:
    return min((DAYS.index(day) for day in item.days if day in DAYS), default=len(DAYS))


def _pictures_of(knowledge: Knowledge, entry_id: str) -> tuple[Picture, ...]:
    # Not cached: a whole plan draws in about 40 ms, and printing is rare.
    poses = knowledge.poses.get(entry_id)
    entry = knowledge.catalog.get(entry_id)
    if poses is None or entry is None:
        return ()
    top = max(headroom(poses.start), headroom(poses.end))
    out = []
    for when, pose in (("Start", poses.start), ("End", poses.end)):
        title = f"{when} position: {entry.title}"
        svg = render(pose, title, top=top, standalone=True)
        data = base64.b64encode(svg.encode()).decode()
        out.append(Picture(f"data:image/svg+xml;base64,{data}", f"{title}. {pose.description}"))
    return tuple(out)


def print_view(
    version: PlanVersionRead, *, name: str, knowledge: Knowledge, today: dt.date
) -> PrintView:
    """The printable plan of one plan version, the items of ``today`` first."""
    plan = version.as_plan()
    numbering = _Numbering(knowledge.references)
    today_code = DAYS[today.weekday()]
    grouped: dict[str, list[PlanItem]] = {key: [] for key, _ in SECTIONS}
    for item in plan.items:
        grouped[_section_of(item, today_code)].append(item)
    # Daily items first, then by the first day they come up; the plan's order breaks ties.
    grouped["week"].sort(key=_first_day)
    grouped["today"].sort(key=lambda item: -len(item.days))
    sections = []
    for key, title in SECTIONS:
        items = []
        for item in grouped[key]:
            pictures = _pictures_of(knowledge, item.id)
            items.append(PrintItem(item, _days(item), pictures, numbering.cite(item.evidence)))
        if items:
            sections.append(PrintSection(key, title, tuple(items)))
    not_recommended = tuple(
        (entry.title, numbering.cite(entry.evidence)) for entry in plan.not_recommended
    )
    return PrintView(
        name=name,
        version=version,
        plan=plan,
        today=today,
        week=_same_sessions(week_view(plan, today)),
        sections=tuple(sections),
        not_recommended=not_recommended,
        sources=tuple(numbering.sources),
    )


def print_context(view: PrintView, *, inline_css: bool) -> dict[str, Any]:
    """The template's context: the page links its stylesheet, the PDF carries it inline."""
    if inline_css:
        return {"view": view, "css": Markup(STYLESHEET.read_text(encoding="utf-8"))}
    return {"view": view, "stylesheet": STYLESHEET_URL}


@cache
def _environment() -> Environment:
    # The web app's own environment (filters and globals), built once for the PDF and the CLI,
    # which have no app; the print template reads nothing from a request.
    from backcare.web.templating import make_templates

    return make_templates(HERE / "templates").env


def print_html(view: PrintView) -> str:
    """The printable plan as one HTML document with its CSS inline (for the PDF)."""
    template = _environment().get_template("plan_print.html")
    return template.render(print_context(view, inline_css=True))


def plan_pdf(view: PrintView) -> bytes:
    """The printable plan as PDF bytes (A4), through WeasyPrint like the progress report."""
    # Imported here: loading WeasyPrint takes seconds, and only this function needs it.
    from weasyprint import HTML

    document: bytes = HTML(string=print_html(view), base_url=str(HERE)).write_pdf()
    return document

"""Render the progress report: HTML from a Jinja template, then PDF through WeasyPrint."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from backcare.records.report.view import ReportView
from backcare.web import wording

HERE = Path(__file__).parent
LEVEL_WORDS = {
    "emergency": "Emergency: go to an emergency department now",
    "urgent": "Urgent: see a doctor today",
    "soon": "See a doctor within 1-2 weeks",
    "self_care": "No warning sign: self-care",
}


@cache
def _environment() -> Environment:
    # Built on first use and kept: compiling the template took as long as gathering the data.
    env = Environment(loader=FileSystemLoader(HERE), autoescape=select_autoescape(["html", "j2"]))
    env.filters["words"] = wording.words
    env.filters["plural"] = wording.plural
    env.globals["LEVEL_WORDS"] = LEVEL_WORDS
    env.globals["DISCLAIMER"] = wording.DISCLAIMER
    return env


def report_html(view: ReportView) -> str:
    """The report as one HTML document, its print CSS inline."""
    css = (HERE / "report.css").read_text(encoding="utf-8")
    return _environment().get_template("report.html.j2").render(view=view, css=css)


def report_pdf(view: ReportView) -> bytes:
    """The report as PDF bytes (A4)."""
    # Imported here: loading WeasyPrint takes seconds, and only this function needs it.
    from weasyprint import HTML

    document: bytes = HTML(string=report_html(view), base_url=str(HERE)).write_pdf()
    return document

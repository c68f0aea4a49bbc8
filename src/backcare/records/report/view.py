"""What the progress report shows, gathered from the store into plain values for the template."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from sqlalchemy.orm import Session

from backcare.access.policy import Actor
from backcare.assessments.schemas import PlanVersionRead
from backcare.assessments.service import current_plan
from backcare.errors import InvalidInputError
from backcare.knowledge.loader import Knowledge
from backcare.notes.schemas import NoteRead
from backcare.notes.service import list_notes
from backcare.notes.vocabulary import Visibility
from backcare.records.schemas import PatientRecord
from backcare.records.service import count_rows, load_record
from backcare.tracking.progress import ChangeRead, ProgressRead, progress_for
from backcare.web.progress_view import adherence_chart, pain_chart, peg_chart

REPORTED = ("assessments", "alerts")
"""The parts of the record the report lists; the rest it counts or charts."""
ADVICE = frozenset({"education", "advice", "posture", "sleep"})
"""Kinds counted rather than listed, so the plan fits the page and what the person does
(exercise, stretches, massage, heat) stands out; referrals have their own section."""
NOTES_SHOWN = 3
"""The latest signed notes the report prints; with each cut at NOTE_CHARACTERS, a report with
notes still fits three pages (tests/interop/test_report_and_csv.py)."""
NOTE_CHARACTERS = 600
ADDENDA_SHOWN, ADDENDUM_CHARACTERS = 2, 300
"""The latest addenda of each printed note, each cut at ADDENDUM_CHARACTERS."""


@dataclass(frozen=True, slots=True)
class ReportNote:
    """A signed clinical note as the report prints it: shortened, with its addenda."""

    written: dt.datetime
    author: str
    kind: str
    text: str
    shortened: bool
    addenda: list[tuple[dt.datetime, str, str]]
    earlier_addenda: int


@dataclass(frozen=True, slots=True)
class Measure:
    """One outcome measure against its baseline, with its plain reading."""

    name: str
    baseline: float
    latest: float
    reading: str
    important: bool


@dataclass(frozen=True, slots=True)
class ReportView:
    """Everything the report template reads; ``record`` holds the assessments and alerts."""

    record: PatientRecord
    current: PlanVersionRead
    counts: dict[str, int]
    today: dt.date
    progress: ProgressRead
    charts: dict[str, Markup]
    measures: list[Measure]
    triage: list[dict[str, Any]]
    plan: dict[str, Any]
    exercises: list[dict[str, Any]]
    referrals: list[dict[str, Any]]
    other_items: int
    notes: list[ReportNote]
    earlier_notes: int


def report_view(
    session: Session,
    *,
    patient_id: str,
    today: dt.date,
    knowledge: Knowledge,
    reader: Actor | None = None,
) -> ReportView:
    """The report of one person up to ``today`` (InvalidInputError before any assessment),
    with the signed notes ``reader`` may read (none without a reader)."""
    record = load_record(session, patient_id=patient_id, tables=REPORTED)
    current = current_plan(session, patient_id=patient_id)
    if not record.assessments or current is None:
        raise InvalidInputError(
            f"patient: {patient_id} has no assessment yet, so there is nothing to report."
        )
    progress = progress_for(session, patient_id=patient_id, today=today, knowledge=knowledge)
    plan = current.plan
    items = plan["items"]
    return ReportView(
        record=record,
        current=current,
        counts=count_rows(session, patient_id=patient_id),
        today=today,
        progress=progress,
        charts={
            "pain": _image(pain_chart(progress)),
            "peg": _image(peg_chart(progress)),
            "adherence": _image(adherence_chart(progress)),
        },
        measures=measures(progress),
        triage=[_triage_row(a.created_at, a.triage) for a in record.assessments],
        plan=plan,
        exercises=_grouped([i for i in items if i["kind"] not in ADVICE | {"referral"}]),
        referrals=[i for i in items if i["kind"] == "referral"],
        other_items=sum(1 for i in items if i["kind"] in ADVICE),
        **_notes(session, patient_id, reader),
    )


def _notes(session: Session, patient_id: str, reader: Actor | None) -> dict[str, Any]:
    """The latest signed notes the reader may read, for the person's doctor or therapist.

    The report is made to be handed on, so a clinician's author-only working notes and drafts
    stay out of it even for their author (SAFETY.md H-203); the notes the reader may read
    follow the notes' own rule (backcare.notes.service).
    """
    if reader is None:
        return {"notes": [], "earlier_notes": 0}
    found = [
        note
        for note in list_notes(session, patient_id=patient_id, actor=reader)
        if note.signed_at is not None and note.visibility is not Visibility.AUTHOR
    ]
    return {
        "notes": [_report_note(note) for note in found[:NOTES_SHOWN]],
        "earlier_notes": max(0, len(found) - NOTES_SHOWN),
    }


def _report_note(note: NoteRead) -> ReportNote:
    text, shortened = _cut(note.body, NOTE_CHARACTERS)
    latest = note.addenda[-ADDENDA_SHOWN:]
    author = note.author_name + (
        f" ({note.profession.replace('_', ' ')})" if note.profession else ""
    )
    return ReportNote(
        written=note.signed_at or note.created_at,
        author=author,
        kind=note.kind.value,
        text=text,
        shortened=shortened or any(len(a.body) > ADDENDUM_CHARACTERS for a in latest),
        addenda=[
            (a.created_at, a.author_name, _cut(a.body, ADDENDUM_CHARACTERS)[0]) for a in latest
        ],
        earlier_addenda=len(note.addenda) - len(latest),
    )


def _cut(body: str, longest: int) -> tuple[str, bool]:
    """At most ``longest`` characters, cut at a word."""
    if len(body) <= longest:
        return body, False
    return body[:longest].rsplit(" ", 1)[0].rstrip() + " ...", True


def _image(svg: Markup) -> Markup:
    """The web's chart as an image of the page, not as markup in it.

    WeasyPrint parses inline SVG with its HTML parser and styles every node of it with the
    page's CSS; as an image the SVG is parsed apart and drawn the same, and the report takes a
    third less time. The figure's caption says what the chart shows, so the alt text is empty.
    """
    data = base64.b64encode(str(svg).encode()).decode()
    return Markup(f'<img alt="" src="data:image/svg+xml;base64,{data}">')


def _grouped(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The plan's rows, a partner massage (several short steps) as one row."""
    steps = [i for i in items if i["kind"] == "partner_massage"]
    rows = [i for i in items if i["kind"] != "partner_massage"]
    if steps:
        minutes = sum(float(step["minutes"]) for step in steps)
        rows.append(
            {
                "title": f"Partner massage, {len(steps)} steps",
                "kind": "partner_massage",
                "dose": f"{minutes:g} min in all",
                "schedule": steps[0]["schedule"],
            }
        )
    return rows


def _triage_row(when: dt.datetime, triage: dict[str, Any]) -> dict[str, Any]:
    return {
        "date": when.date(),
        "level": triage["level"],
        "headline": triage["headline"],
        "flags": [flag["label"] for flag in triage["red_flags"]],
    }


def measures(progress: ProgressRead) -> list[Measure]:
    """Pain (last 7 days' mean), PEG and PSFS against their first values, where there are two."""
    found = [
        ("Pain, 0-10 (mean of the last 7 days)", progress.pain_change, "pain"),
        ("PEG, 0-10", progress.peg_change, "peg"),
        ("PSFS, 0-10 (higher is better)", progress.psfs_change, "psfs"),
    ]
    return [
        Measure(name, change.baseline, change.latest, reading(change, kind), change.meaningful)
        for name, change, kind in found
        if change is not None
    ]


def reading(change: ChangeRead, kind: str) -> str:
    """The change in words, against the important-change thresholds (OSTELO-2008)."""
    rule = {
        "pain": "2 points or 30%",
        "peg": "30%",
        "psfs": "2 points",
    }[kind]
    if change.meaningful:
        return f"Important improvement (at least {rule})."
    if change.better <= -2:
        return "Worse by 2 points or more."
    return f"No important change yet (an important change is {rule})."

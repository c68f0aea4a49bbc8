"""The progress report with the care team's notes: the signed notes its reader may read, never
a working note or a draft, shortened so the report stays within three pages."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import Engine

from backcare.access.actors import operator
from backcare.access.policy import Actor
from backcare.demo.service import DemoPatientRead
from backcare.engine import default_knowledge
from backcare.records.exports import export_record
from backcare.records.formats import ExportFormat
from backcare.store.db import read_only
from tests.interop.care_records import Clinicians, addendum, note
from tests.interop.conftest import DEMO_TODAY

LONG = " ".join(["Slow walks on flat ground, pain settled within the hour."] * 30)


def _report(engine: Engine, patient_id: str, reader: Actor, path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: run scripts/system-packages.sh (poppler-utils)")
    with read_only(engine) as session:
        content = export_record(
            session,
            patient_id=patient_id,
            format=ExportFormat.pdf,
            today=DEMO_TODAY,
            knowledge=default_knowledge(),
            reader=reader,
        ).content
    path.write_bytes(content)
    found = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(found.split())


def test_the_report_prints_the_signed_notes_its_reader_may_read(
    fresh_engine: Engine, cared: tuple[str, Clinicians], tmp_path: Path
) -> None:
    patient_id, team = cared
    doctor = _report(fresh_engine, patient_id, team.other, tmp_path / "doctor.pdf")
    assert "Clinical notes" in doctor
    assert "progress note by physio (physiotherapist)" in doctor
    assert "Walking 20 minutes a day. No warning signs." in doctor
    assert "Addendum, 2 Feb 2024, doctor: Seen by the GP: agree." in doctor
    assert "Team only: sleep is poor." in doctor
    # The physiotherapist's own working note and draft stay out even of their own report.
    physio = _report(fresh_engine, patient_id, team.lead, tmp_path / "physio.pdf")
    assert "fear of bending" not in physio
    assert "Draft: review" not in physio
    person = _report(fresh_engine, patient_id, team.person, tmp_path / "person.pdf")
    assert "Walking 20 minutes a day." in person
    assert "Team only" not in person
    cli = _report(fresh_engine, patient_id, operator(), tmp_path / "cli.pdf")
    assert "fear of bending" not in cli
    assert "Referrals" in cli


def test_many_long_notes_are_shortened_and_the_report_keeps_to_three_pages(
    fresh_engine: Engine, cared: tuple[str, Clinicians], tmp_path: Path
) -> None:
    patient_id, team = cared
    for day in range(8):
        made = note(fresh_engine, patient_id, team.lead, f"Visit {day}. {LONG}", day=10 + day)
        for number in range(3):
            addendum(fresh_engine, patient_id, made, team.other, f"Also {number}. {LONG}", day=10)
    text = _report(fresh_engine, patient_id, team.other, tmp_path / "long.pdf")
    pages = text.count("Backcare progress report: ")
    assert 1 <= pages <= 3, pages
    assert "Visit 7." in text
    assert "Visit 4." not in text
    assert "earlier notes and the full text of every note are in the person's record" in text
    assert text.count("Slow walks on flat ground") < 3 * (11 + 2 * 6)
    assert "1 earlier addendum in the record." in text


def test_a_report_without_notes_has_no_notes_section(
    demo_engine: Engine, demo_people: list[DemoPatientRead], tmp_path: Path
) -> None:
    text = _report(demo_engine, demo_people[0].id, operator(), tmp_path / "sam.pdf")
    assert "Clinical notes" not in text
    assert "Alerts" in text

"""The doctor's PDF report read back with pdftotext, and the CSV exports."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import Engine

from backcare.access.actors import operator
from backcare.demo.service import DemoPatientRead, create_demo
from backcare.engine import default_knowledge
from backcare.knowledge.loader import Knowledge
from backcare.records.deidentify import COLUMNS, age_band, deidentified_csv, pseudonym
from backcare.records.exports import export_record
from backcare.records.formats import ExportFormat
from backcare.store.db import read_only, unit_of_work
from tests.interop.conftest import DEMO_TODAY

KEY = b"a clinic secret of enough length"


def _export(engine: Engine, patient_id: str, format: ExportFormat) -> bytes:
    with read_only(engine) as session:
        return export_record(
            session,
            patient_id=patient_id,
            format=format,
            today=DEMO_TODAY,
            knowledge=default_knowledge(),
            reader=operator(),
        ).content


@pytest.fixture(scope="module")
def leah_pdf(
    demo_engine: Engine,
    demo_people: list[DemoPatientRead],
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: run scripts/system-packages.sh (poppler-utils)")
    leah = next(p for p in demo_people if "saddle" in p.name)
    path = tmp_path_factory.mktemp("report") / "leah.pdf"
    path.write_bytes(_export(demo_engine, leah.id, ExportFormat.pdf))
    return path


def _text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_the_report_names_the_person_their_flags_and_the_emergency_advice(leah_pdf: Path) -> None:
    text = " ".join(_text(leah_pdf).split())
    assert "Demo: Leah, new saddle numbness in week 5" in text
    assert "Emergency: go to an emergency department now" in text
    assert "numbness" in text.lower()
    assert "does not diagnose" in text
    assert "No exercise, stretch or massage is planned" in text
    assert "279039007" in text


def test_the_report_holds_the_measures_with_their_reading_on_one_to_three_pages(
    demo_engine: Engine, demo_people: list[DemoPatientRead], tmp_path: Path
) -> None:
    for person in demo_people:
        pdf = tmp_path / "report.pdf"
        pdf.write_bytes(_export(demo_engine, person.id, ExportFormat.pdf))
        text = " ".join(_text(pdf).split())
        pages = text.count("Backcare progress report: ")
        assert 1 <= pages <= 3, (person.name, pages)
        assert f"Check-ins, sessions {person.checkins} daily check-ins" in text
        assert "Important change: pain down by at least 2 points or 30%" in text
        assert "Pain at the start" in text


def test_the_person_csv_has_a_row_per_check_in_session_and_measure_item(
    demo_engine: Engine, demo_people: list[DemoPatientRead]
) -> None:
    sam = demo_people[0]
    rows = list(
        csv.DictReader(io.StringIO(_export(demo_engine, sam.id, ExportFormat.csv).decode()))
    )
    kinds = [row["record"] for row in rows]
    assert kinds.count("checkin") == sam.checkins
    peg = [r for r in rows if r["measure"] == "PEG"]
    assert {r["measure_item"] for r in peg} == {"pain", "enjoyment", "activity", "mean"}


@pytest.fixture
def clinic(fresh_engine: Engine, knowledge: Knowledge) -> tuple[Engine, list[DemoPatientRead]]:
    """A database of its own holding two demo people and nobody else."""
    with unit_of_work(fresh_engine) as session:
        people = create_demo(session, patients=2, seed=3, today=DEMO_TODAY, knowledge=knowledge)
    return fresh_engine, people


def test_the_clinic_csv_has_pseudonyms_days_and_no_names_dates_or_free_text(
    clinic: tuple[Engine, list[DemoPatientRead]],
) -> None:
    engine, people = clinic
    with read_only(engine) as session:
        text = deidentified_csv(session, key=KEY, consented=lambda _id: True)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == COLUMNS
    assert {r["pseudonym"] for r in rows} == {pseudonym(p.id, KEY) for p in people}
    for person in people:
        assert person.id not in text
        assert person.name.split(",")[0].removeprefix("Demo: ") not in text
        own = [r for r in rows if r["pseudonym"] == pseudonym(person.id, KEY)]
        assert sum(r["record"] == "checkin" for r in own) == person.checkins
        assert min(int(r["day"]) for r in own) == 0
    assert "2024-" not in text
    psfs = {r["measure_item"] for r in rows if r["measure"] == "PSFS"}
    assert psfs <= {"mean"} | {f"activity {n}" for n in range(1, 6)}


def test_the_clinic_csv_leaves_out_people_without_consent(
    clinic: tuple[Engine, list[DemoPatientRead]],
) -> None:
    engine, people = clinic
    allowed = people[0].id
    with read_only(engine) as session:
        text = deidentified_csv(session, key=KEY, consented=lambda found: found == allowed)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["pseudonym"] for r in rows} == {pseudonym(allowed, KEY)}


def test_pseudonyms_are_stable_per_key_and_differ_between_keys() -> None:
    assert pseudonym("abc", KEY) == pseudonym("abc", KEY)
    assert pseudonym("abc", KEY) != pseudonym("abc", KEY + b"x")
    assert pseudonym("abc", KEY) != pseudonym("abd", KEY)


@pytest.mark.parametrize(
    ("age", "band"), [(16, "16-19"), (19, "16-19"), (20, "20-29"), (57, "50-59"), (95, "90+")]
)
def test_ages_are_reported_in_bands(age: int, band: str) -> None:
    assert age_band(age) == band

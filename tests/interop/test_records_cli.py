"""The record commands end to end: `backcare export ID --format fhir` of a record with a care
team, `backcare import FILE` into another database, and `backcare backup` / `restore` with
their refusals (`--yes`), each audited as the operating-system user."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from backcare.audit.service import list_events
from backcare.cli.main import app
from backcare.notes.models import ClinicalNote
from backcare.records.deidentify import pseudonym
from backcare.store.db import read_only
from tests.interop.bundles import ids_aside, resources
from tests.interop.care_records import Clinicians


@pytest.fixture
def sqlite_cared(backend: str, fresh_url: str, cared: tuple[str, Clinicians]) -> tuple[str, str]:
    if backend != "sqlite":
        pytest.skip("backup and restore are SQLite's; PostgreSQL is pointed at pg_dump")
    return fresh_url, cared[0]


def test_export_fhir_and_import_through_the_commands_bring_the_care_team_along(
    fresh_url: str,
    cared: tuple[str, Clinicians],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    runner = CliRunner()
    monkeypatch.setenv("BACKCARE_DATABASE_URL", fresh_url)
    out = tmp_path / "ann.fhir.json"
    exported = runner.invoke(app, ["export", cared[0][:8], "--format", "fhir", "--out", str(out)])
    assert exported.exit_code == 0, exported.output
    before = json.loads(out.read_text())
    # Into the same database, as a new record: the same backend writes the plan's JSON the
    # same way (PostgreSQL's JSONB orders an object's keys its own way).
    imported = runner.invoke(app, ["import", str(out)])
    assert imported.exit_code == 0, imported.output
    assert "1 care team, 5 notes, 3 messages." in imported.output
    new_id = imported.output.split()[2].rstrip(":")
    again = runner.invoke(app, ["export", new_id, "--format", "fhir"])
    assert again.exit_code == 0, again.output
    after = json.loads(again.stdout)
    assert ids_aside(after) == ids_aside(before)
    assert len(resources(after, "DocumentReference")) == 5
    spoiled = tmp_path / "bad.json"
    before["entry"][-1]["resource"]["status"] = "sent"
    spoiled.write_text(json.dumps(before))
    refused = runner.invoke(app, ["import", str(spoiled)])
    assert refused.exit_code == 2
    assert "(Communication).status: 'sent' is not one of" in refused.output


def test_backup_and_restore_refuse_to_replace_without_yes_and_restore_what_was_there(
    sqlite_cared: tuple[str, str],
    fresh_engine: Engine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url, patient_id = sqlite_cared
    runner = CliRunner()
    monkeypatch.setenv("BACKCARE_DATABASE_URL", url)
    copy = tmp_path / "backup.db"
    made = runner.invoke(app, ["backup", str(copy)])
    assert made.exit_code == 0, made.output
    assert "integrity checked" in made.output
    again = runner.invoke(app, ["backup", str(copy)])
    assert again.exit_code == 2
    assert "exists; add --yes to replace it" in again.output
    assert runner.invoke(app, ["backup", str(copy), "--yes"]).exit_code == 0
    refused = runner.invoke(app, ["restore", str(copy)])
    assert refused.exit_code == 2
    assert "add --yes to replace them all" in refused.output
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    restored = runner.invoke(app, ["restore", str(copy), "--yes"])
    assert restored.exit_code == 0, restored.output
    with read_only(fresh_engine) as session:
        actions = [e.action for e in list_events(session, limit=50)]
        notes = session.scalar(select(func.count()).where(ClinicalNote.patient_id == patient_id))
    assert "database.restore" in actions
    assert notes == 5


def test_the_clinic_export_holds_only_people_whose_consent_is_recorded_and_not_withdrawn(
    sqlite_cared: tuple[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, patient_id = sqlite_cared
    runner = CliRunner()
    monkeypatch.setenv("BACKCARE_DATABASE_URL", url)
    key = tmp_path / "clinic.key"
    key.write_text("a secret of the clinic, long enough\n")
    nobody = runner.invoke(app, ["export-clinic", "--key-file", str(key)])
    assert nobody.exit_code == 2
    assert "nobody in this database has consent to this export recorded" in nobody.output
    given = runner.invoke(app, ["research-consent", patient_id[:8]])
    assert given.exit_code == 0, given.output
    assert "Nothing changed" in runner.invoke(app, ["research-consent", patient_id]).output
    exported = runner.invoke(app, ["export-clinic", "--key-file", str(key)])
    assert exported.exit_code == 0, exported.output
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert {r["pseudonym"] for r in rows} == {
        pseudonym(patient_id, b"a secret of the clinic, long enough")
    }
    assert len({r["pseudonym"] for r in rows}) == 1
    withdrawn = runner.invoke(app, ["research-consent", patient_id, "--withdraw"])
    assert withdrawn.exit_code == 0, withdrawn.output
    after = runner.invoke(app, ["export-clinic", "--key-file", str(key)])
    assert after.exit_code == 2

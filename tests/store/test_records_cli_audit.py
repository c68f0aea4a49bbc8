"""The record commands from the command line are written to the audit log as the operating-system
user, like every other command: export in each format, import, the clinic's CSV, backup and
restore."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from backcare.assessments.service import assess_patient
from backcare.audit.service import list_events, verify
from backcare.cli.audit_trail import cli_actor
from backcare.cli.main import app
from backcare.domain.intake import Intake
from backcare.knowledge.loader import Knowledge
from backcare.patients.schemas import PatientRead
from backcare.settings import Settings
from backcare.store.db import read_only, unit_of_work
from backcare.store.migrate import open_store
from tests.store.helpers import Cli

Line = tuple[str, str, str | None, str]


def lines(engine: Engine, patient_id: str | None = None) -> list[Line]:
    """(role, action, patient, detail) of the audit lines (about one record, or all), newest
    first; the chain must verify."""
    with read_only(engine) as session:
        rows = list_events(session, patient_id=patient_id, limit=1000)
        assert verify(session).ok
    return [(row.actor_role, row.action, row.patient_id, row.detail) for row in rows]


@pytest.fixture
def assessed(
    engine: Engine, patient: PatientRead, chronic_intake: Intake, knowledge: Knowledge
) -> str:
    with unit_of_work(engine) as session:
        assess_patient(session, patient_id=patient.id, intake=chronic_intake, knowledge=knowledge)
    return patient.id


def test_each_export_format_is_logged_as_the_os_user(
    cli: Cli, engine: Engine, assessed: str, tmp_path: Path
) -> None:
    for format in ("json", "fhir", "csv"):
        result = cli("export", assessed, "--format", format)
        assert result.exit_code == 0, result.output
    pdf = cli("export", assessed, "--format", "pdf", "--out", str(tmp_path / "report.pdf"))
    assert pdf.exit_code == 0, pdf.output
    logged = lines(engine, assessed)
    for format in ("json", "fhir", "csv", "pdf"):
        assert ("os_user", "record.export", assessed, f"export format={format}") in logged
    with read_only(engine) as session:
        names = {row.actor_name for row in list_events(session, patient_id=assessed, limit=100)}
    assert names == {cli_actor().name}


def test_an_import_is_logged_as_the_records_creation_or_a_write(
    cli: Cli, engine: Engine, assessed: str, tmp_path: Path
) -> None:
    bundle = tmp_path / "bundle.json"
    assert cli("export", assessed, "--format", "fhir", "--out", str(bundle)).exit_code == 0
    created = cli("import", str(bundle), "--json")
    assert created.exit_code == 0, created.output
    new_id = created.stdout.split('"patient_id": "')[1].split('"')[0]
    assert ("os_user", "record.create", new_id, "import of a FHIR Bundle") in lines(engine, new_id)
    added = cli("import", str(bundle), "--patient", assessed)
    assert added.exit_code == 0, added.output
    detail = "import of a FHIR Bundle: a new assessment"
    assert ("os_user", "record.write", assessed, detail) in lines(engine, assessed)


def test_the_clinic_csv_is_logged_in_each_persons_record(
    cli: Cli, engine: Engine, assessed: str, tmp_path: Path
) -> None:
    key = tmp_path / "clinic.key"
    key.write_text("a secret of the clinic, long enough\n")
    result = cli("export-clinic", "--key-file", str(key), "--consent-confirmed")
    assert result.exit_code == 0, result.output
    detail = "export-clinic: de-identified CSV"
    assert ("os_user", "record.export", assessed, detail) in lines(engine, assessed)
    summary = ("os_user", "record.export", None, f"{detail} of 1 people")
    assert summary in lines(engine)


def test_backup_and_restore_are_logged_and_the_restore_names_the_log_it_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'backcare.db'}"
    open_store(Settings(database_url=url)).dispose()
    monkeypatch.setenv("BACKCARE_DATABASE_URL", url)
    runner = CliRunner()
    copy = tmp_path / "copy.db"
    made = runner.invoke(app, ["backup", str(copy)])
    assert made.exit_code == 0, made.output
    engine = open_store(Settings(database_url=url))
    try:
        ((role, action, patient_id, detail),) = lines(engine)[:1]
        assert (role, action, patient_id) == ("os_user", "database.backup", None)
        assert detail.startswith("backup of the whole database (")
        with read_only(engine) as session:
            rows_before = len(list_events(session, limit=1000))
    finally:
        engine.dispose()
    restored = runner.invoke(app, ["restore", str(copy), "--yes"])
    assert restored.exit_code == 0, restored.output
    engine = open_store(Settings(database_url=url))
    try:
        latest = lines(engine)[0]
        assert latest[:3] == ("os_user", "database.restore", None)
        assert f"the log it replaced ended at row {rows_before}" in latest[3]
    finally:
        engine.dispose()

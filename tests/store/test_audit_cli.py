"""`backcare audit` and the audit trail of the other commands, end to end."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import Engine

from backcare.audit.schemas import AuditRow
from backcare.audit.service import list_events
from backcare.domain.intake import Intake
from backcare.store.db import read_only
from tests.store.audit_support import append, disable_guards, raw
from tests.store.helpers import Cli

USAGE = 2
TAMPERED = 1
OS_USER = "nurse-os"


@pytest.fixture(autouse=True)
def os_user(monkeypatch: pytest.MonkeyPatch) -> None:
    """The login name the CLI reports (getpass reads LOGNAME first)."""
    monkeypatch.setenv("LOGNAME", OS_USER)


@pytest.fixture
def patient_id(cli: Cli) -> str:
    result = cli("patient", "add", "Ann Quixotic", "--json")
    assert result.exit_code == 0, result.output
    return str(json.loads(result.stdout)["id"])


def logged(engine: Engine) -> list[AuditRow]:
    """The whole log, oldest first."""
    with read_only(engine) as session:
        return list_events(session, limit=1_000)[::-1]


def test_verify_exits_0_on_an_intact_log(cli: Cli, engine: Engine) -> None:
    append(engine, 3)
    result = cli("audit", "verify")
    assert result.exit_code == 0, result.output
    assert "verifies: 3 rows" in result.stdout


def test_verify_exits_1_naming_the_edited_row(cli: Cli, engine: Engine) -> None:
    append(engine, 3)
    disable_guards(engine)
    raw(engine, "UPDATE audit_log SET actor_name = 'Mallory' WHERE seq = 2")
    result = cli("audit", "verify")
    assert result.exit_code == TAMPERED
    assert "row 2 was changed after it was written" in result.stderr
    assert "Traceback" not in result.output


def test_list_shows_one_records_rows_newest_first(
    cli: Cli, engine: Engine, patient_id: str
) -> None:
    append(engine, 2)  # rows about another record
    assert cli("patient", "show", patient_id).exit_code == 0
    result = cli("audit", "list", "--patient", patient_id[:6], "--json")
    assert result.exit_code == 0, result.output
    listed = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["action"] for row in listed] == ["record.read", "record.create"]
    assert {row["patient_id"] for row in listed} == {patient_id}


def test_list_takes_the_full_id_of_an_erased_record(cli: Cli, patient_id: str) -> None:
    assert cli("delete", patient_id, "--yes").exit_code == 0
    result = cli("audit", "list", "--patient", patient_id, "--limit", "1", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["action"] == "record.erase"


@pytest.mark.usefixtures("patient_id")
def test_list_prints_a_table(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # a wide terminal: no cell is wrapped
    result = cli("audit", "list")
    assert result.exit_code == 0, result.output
    assert "record.create" in result.stdout
    assert f"os_user {OS_USER}" in result.stdout


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--limit", "0"], "limit"),
        (["--offset", "-1"], "offset"),
        (["--patient", "zz"], "patient"),
        (["--patient", "ffff"], "No patient"),
    ],
)
def test_bad_list_options_exit_2_with_a_sentence(cli: Cli, args: list[str], said: str) -> None:
    result = cli("audit", "list", *args)
    assert result.exit_code == USAGE
    assert said in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_writes_every_row_and_is_itself_logged(
    cli: Cli, engine: Engine, tmp_path: Path, fmt: str
) -> None:
    append(engine, 3, detail="=HYPERLINK(1)")
    out = tmp_path / f"audit.{fmt}"
    result = cli("audit", "export", "--out", str(out), "--format", fmt)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    if fmt == "jsonl":
        exported = [json.loads(line) for line in text.splitlines()]
        assert [row["detail"] for row in exported] == ["=HYPERLINK(1)"] * 3
    else:
        exported = list(csv.DictReader(text.splitlines()))
        assert [row["detail"] for row in exported] == ["'=HYPERLINK(1)"] * 3
    assert [int(row["seq"]) for row in exported] == [1, 2, 3]
    assert (logged(engine)[-1].action, logged(engine)[-1].detail) == ("audit.export", "3 rows")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--out", "audit.xml", "--format", "xml"], "xml"),
        (["--out", "no/such/folder/audit.jsonl"], "does not exist"),
    ],
)
def test_bad_export_options_exit_2_with_a_sentence(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], said: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("audit", "export", *args)
    assert result.exit_code == USAGE
    assert said in result.output
    assert list(tmp_path.iterdir()) == []


def test_cli_reads_and_writes_are_logged_as_the_os_user(
    cli: Cli, engine: Engine, patient_id: str, tmp_path: Path, chronic_intake: Intake
) -> None:
    intake = tmp_path / "intake.json"
    intake.write_text(chronic_intake.model_dump_json())
    for args in (
        ["assess", str(intake), "--patient", patient_id],
        ["patient", "show", patient_id],
        ["patient", "list"],
        ["checkin", patient_id, "--pain", "3"],
        ["progress", patient_id],
        ["review", patient_id],
        ["export", patient_id, "--out", str(tmp_path / "ann.json")],
    ):
        assert cli(*args).exit_code == 0, args
    trail = [(row.action, row.patient_id, row.detail) for row in logged(engine)]
    assert trail == [
        ("record.create", patient_id, ""),
        ("record.write", patient_id, "assessment"),
        ("record.read", patient_id, "profile"),
        ("record.list", None, "1 records listed"),
        ("record.write", patient_id, "check-in"),
        ("record.read", patient_id, "progress"),
        ("record.write", patient_id, "review"),
        ("record.export", patient_id, "export format=json"),
    ]
    assert {(row.actor_role, row.actor_name, row.source) for row in logged(engine)} == {
        ("os_user", OS_USER, "cli")
    }


def test_delete_keeps_one_erasure_line_and_seals_the_rest(
    cli: Cli, engine: Engine, patient_id: str
) -> None:
    assert cli("checkin", patient_id, "--pain", "3").exit_code == 0
    result = cli("delete", patient_id, "--yes")
    assert result.exit_code == 0, result.output
    trail = logged(engine)
    assert [(row.action, row.sealed) for row in trail] == [
        ("record.create", False),  # its detail was empty: nothing to seal
        ("record.write", True),
        ("record.read", True),  # the check before erasing
        ("record.erase", False),
    ]
    assert cli("audit", "verify").exit_code == 0


def test_a_tampered_log_still_takes_a_check_in_and_still_names_the_edit(
    cli: Cli, engine: Engine, patient_id: str
) -> None:
    disable_guards(engine)
    raw(engine, "UPDATE audit_log SET actor_name = 'Mallory' WHERE seq = 1")
    result = cli("checkin", patient_id, "--pain", "6", "--warning", "fever")
    assert result.exit_code == 0, result.output
    assert logged(engine)[-1].action == "record.write"
    verified = cli("audit", "verify")
    assert verified.exit_code == TAMPERED
    assert "row 1 was changed" in verified.stderr

"""`backcare plan-pdf`: the printable plan as a PDF file, audited; bad input is one sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from backcare.audit.service import list_events
from backcare.patients.schemas import PatientRead
from backcare.store.db import read_only
from tests.store.helpers import Cli

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
USAGE = 2


def test_plan_pdf_writes_the_plan_into_new_folders_and_is_audited(
    cli: Cli, patient: PatientRead, engine: Engine, tmp_path: Path
) -> None:
    assert cli("assess", "--patient", patient.id, "examples/self-care-acute.json").exit_code == 0
    out = tmp_path / "new" / "folder" / "plan.pdf"
    result = cli("plan-pdf", patient.id[:6], "--out", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")
    with read_only(engine) as session:
        rows = list_events(session, patient_id=patient.id, limit=50)
    assert any(r.action == "record.read" and r.detail == "plan-pdf version=1" for r in rows)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["no-such-person"], "no-such-person"),
        (["PATIENT", "--version", "7"], "no plan version 7"),
    ],
)
def test_bad_input_is_exit_2_with_a_sentence(
    cli: Cli, patient: PatientRead, tmp_path: Path, args: list[str], said: str
) -> None:
    assert cli("assess", "--patient", patient.id, "examples/self-care-acute.json").exit_code == 0
    named = [patient.id if arg == "PATIENT" else arg for arg in args]
    result = cli("plan-pdf", *named, "--out", str(tmp_path / "plan.pdf"))
    assert result.exit_code == USAGE
    assert said in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "plan.pdf").exists()


def test_a_person_without_a_plan_is_exit_2(cli: Cli, patient: PatientRead, tmp_path: Path) -> None:
    result = cli("plan-pdf", patient.id, "--out", str(tmp_path / "plan.pdf"))
    assert result.exit_code == USAGE
    assert "has no plan yet" in result.stderr

"""An erased person leaves no trace in the SQLite file or its WAL (secure_delete + TRUNCATE).

The API half signs in as the person (erasing is theirs), then lists as a clinician caring for
the person who stays.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from typer.testing import CliRunner

from backcare.accounts.vocabulary import Role
from backcare.cli.main import app
from backcare.knowledge.loader import Knowledge
from backcare.patients.schemas import PatientCreate
from backcare.patients.service import create_patient
from backcare.settings import Settings
from backcare.store.db import unit_of_work
from backcare.store.migrate import open_store
from backcare.tracking.schemas import CheckInCreate
from backcare.tracking.service import record_checkin
from backcare.web.app import create_app
from tests.web.auth_support import grant, make_account, sign_in

# Words nobody else's record holds, so finding them anywhere means the erase left them.
NAME = "Zebediah Quillfeather"
NOTE = "my neighbour Ottoline saw the wobbly heron again"
KEPT = "Ann Example"


def raw_bytes(database: Path) -> bytes:
    """The database file and its WAL, as they lie on disk."""
    wal = database.with_name(database.name + "-wal")
    return database.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def traces(database: Path) -> list[str]:
    data = raw_bytes(database)
    return [words for words in (NAME, NOTE) if words.encode() in data]


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "backcare.db"


@pytest.fixture
def sqlite(database: Path) -> Engine:
    return open_store(Settings(database_url=f"sqlite:///{database}"))


def remembered(engine: Engine) -> str:
    """A patient with the words to erase, and another who stays; the first one's id."""
    return remembered_with_kept(engine)[0]


def remembered_with_kept(engine: Engine) -> tuple[str, str]:
    """The ids of a patient with the words to erase and of another who stays."""
    with unit_of_work(engine) as session:
        kept = create_patient(session, data=PatientCreate(display_name=KEPT))
        patient = create_patient(session, data=PatientCreate(display_name=NAME))
        day = dt.date.today()
        record_checkin(
            session,
            patient_id=patient.id,
            data=CheckInCreate(date=day, pain_now=3, notes=NOTE),
            today=day,
        )
    return patient.id, kept.id


def test_connections_overwrite_deleted_rows(sqlite: Engine) -> None:
    with sqlite.connect() as conn:
        assert conn.execute(text("PRAGMA secure_delete")).scalar() == 1
    sqlite.dispose()


def test_the_cli_erase_leaves_no_words_in_the_file_or_the_wal(
    sqlite: Engine, database: Path
) -> None:
    patient_id = remembered(sqlite)
    assert traces(database) == [NAME, NOTE]  # the words are there to be found
    env = {"BACKCARE_DATABASE_URL": f"sqlite:///{database}"}
    result = CliRunner().invoke(app, ["delete", patient_id, "--yes"], env=env)
    assert result.exit_code == 0, result.output
    assert traces(database) == []
    assert KEPT.encode() in raw_bytes(database)  # the rest of the database is intact
    sqlite.dispose()


def test_the_api_erase_leaves_no_words_in_the_file_or_the_wal(
    sqlite: Engine, database: Path, knowledge: Knowledge
) -> None:
    patient_id, kept_id = remembered_with_kept(sqlite)
    make_account(sqlite, "person", Role.PERSON, patient_id=patient_id)
    make_account(sqlite, "carer", Role.CLINICIAN)
    grant(sqlite, "carer", kept_id)
    settings = Settings(database_url=f"sqlite:///{database}", environment="test")
    with TestClient(create_app(settings, knowledge=knowledge)) as client:
        sign_in(client, "person")
        assert client.delete(f"/api/v1/patients/{patient_id}").status_code == 204
        assert traces(database) == []
        client.cookies.clear()
        sign_in(client, "carer")
        people = client.get("/api/v1/patients").json()["items"]
    assert [p["display_name"] for p in people] == [KEPT]
    assert json.dumps(people).count(NAME) == 0
    sqlite.dispose()

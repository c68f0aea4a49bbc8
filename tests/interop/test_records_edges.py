"""The CLI and the API of records: formats, import, and clear refusals.

The API is called by a physiotherapist whom the demo people gave access to their whole record
(exports included); who else may export or import is tests/web/test_records_access.py's.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from typer.testing import CliRunner

from backcare.accounts.repository import account_by_name
from backcare.accounts.vocabulary import Role
from backcare.cli.main import app
from backcare.demo.service import DemoPatientRead
from backcare.settings import Settings
from backcare.store.db import read_only
from backcare.web.app import create_app
from tests.interop.conftest import DEMO_TODAY
from tests.web.auth_support import grant, make_account, sign_in

API = "/api/v1/patients"
PHYSIO = "interop-physio"


@pytest.fixture
def cli(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("BACKCARE_DATABASE_URL", demo_url)
    return CliRunner()


def test_export_json_stays_the_default_and_fhir_csv_pdf_write_files(
    cli: CliRunner, demo_people: list[DemoPatientRead], tmp_path: Path
) -> None:
    sam = demo_people[0].id
    default = cli.invoke(app, ["export", sam])
    assert default.exit_code == 0, default.output
    assert json.loads(default.stdout)["format"] == "backcare-export/1"
    for format in ("fhir", "csv", "pdf"):
        out = tmp_path / f"sam.{format}"
        result = cli.invoke(app, ["export", sam, "--format", format, "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 1000
    assert json.loads((tmp_path / "sam.fhir").read_text())["resourceType"] == "Bundle"
    assert (tmp_path / "sam.pdf").read_bytes().startswith(b"%PDF")


def test_export_into_a_missing_folder_makes_the_folder(
    cli: CliRunner, demo_people: list[DemoPatientRead], tmp_path: Path
) -> None:
    out = tmp_path / "missing" / "deeper" / "x.csv"
    result = cli.invoke(app, ["export", demo_people[0].id, "--format", "csv", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith("record,")


def test_export_under_a_file_is_exit_2_with_a_sentence(
    cli: CliRunner, demo_people: list[DemoPatientRead], tmp_path: Path
) -> None:
    (tmp_path / "plain").write_text("not a folder")
    out = tmp_path / "plain" / "x.csv"
    result = cli.invoke(app, ["export", demo_people[0].id, "--format", "csv", "--out", str(out)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"Error: out: {out.parent} is a file, so it cannot hold a folder for x.csv."
    )


def test_import_from_the_cli_makes_a_new_record_and_bad_files_exit_2(
    cli: CliRunner, demo_people: list[DemoPatientRead], tmp_path: Path
) -> None:
    bundle = tmp_path / "sam.json"
    assert (
        cli.invoke(
            app, ["export", demo_people[0].id, "--format", "fhir", "--out", str(bundle)]
        ).exit_code
        == 0
    )
    done = cli.invoke(app, ["import", str(bundle), "--json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["checkins"] == demo_people[0].checkins
    document = json.loads(bundle.read_text())
    document["entry"][0]["resource"]["resourceType"] = "Person"
    bundle.write_text(json.dumps(document))
    refused = cli.invoke(app, ["import", str(bundle)])
    assert refused.exit_code == 2
    assert refused.stderr.startswith("Error: Bundle.entry[0] (Person).resourceType:")
    assert "Traceback" not in refused.output


def physio(engine: Engine, people: list[DemoPatientRead]) -> str:
    """The demo people's physiotherapist, with whole-record access (made once per database)."""
    with read_only(engine) as session:
        known = account_by_name(session, PHYSIO) is not None
    if not known:
        make_account(engine, PHYSIO, Role.CLINICIAN)
        for person in people:
            grant(engine, PHYSIO, person.id, whole_record=True)
    return PHYSIO


@pytest.fixture
def client(
    demo_url: str, demo_engine: Engine, demo_people: list[DemoPatientRead]
) -> Iterator[TestClient]:
    assert demo_people, "the demo people are stored before the app starts"
    settings = Settings(database_url=demo_url, environment="test")
    # Entered, so the app's shutdown closes its connections.
    with TestClient(create_app(settings, today=lambda: DEMO_TODAY)) as client:
        yield sign_in(client, physio(demo_engine, demo_people))


def test_the_api_exports_each_format_with_its_media_type(
    client: TestClient, demo_people: list[DemoPatientRead]
) -> None:
    sam = demo_people[0].id
    types = {
        "json": "application/json",
        "fhir": "application/fhir+json",
        "csv": "text/csv; charset=utf-8",
        "pdf": "application/pdf",
    }
    for format, media_type in types.items():
        response = client.get(f"{API}/{sam}/export", params={"format": format})
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == media_type
    assert client.get(f"{API}/{sam}/export", params={"format": "xml"}).status_code == 422


def test_the_api_imports_a_bundle_and_refuses_a_bad_one_with_422_naming_the_field(
    client: TestClient, demo_people: list[DemoPatientRead]
) -> None:
    bundle = client.get(f"{API}/{demo_people[0].id}/export", params={"format": "fhir"}).json()
    created = client.post(f"{API}/import", json=bundle)
    assert created.status_code == 201, created.text
    assert created.json()["created"] is True
    bundle["entry"][-1]["resource"]["status"] = "done"
    refused = client.post(f"{API}/import", json=bundle)
    assert refused.status_code == 422
    assert "status: 'done' is not one of" in refused.json()["detail"][0]["msg"]
    huge = client.post(f"{API}/import", content=b"x" * (10 * 1024 * 1024 + 1))
    # The body limit refuses it before any of it is parsed: 413, with the import's own limit.
    assert huge.status_code == 413
    assert "10 MiB" in huge.json()["detail"]

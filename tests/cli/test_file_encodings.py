"""Intake files as editors save them: UTF-8 with a byte-order mark, UTF-16, UTF-32; else exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from backcare.cli.main import app

runner = CliRunner()
INTAKE = {"age": 35, "duration_weeks": 2, "pain_now": 4}


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16", b""),  # Python writes the mark itself
        ("utf-16-le", b""),  # no mark at all
        ("utf-16-be", b""),
        ("utf-32", b""),
    ],
)
def test_an_intake_in_any_unicode_encoding_is_read(
    tmp_path: Path, encoding: str, bom: bytes
) -> None:
    path = tmp_path / "intake.json"
    path.write_bytes(bom + json.dumps(INTAKE).encode(encoding))
    result = runner.invoke(app, ["triage", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["level"] == "self_care"


def test_a_byte_order_mark_on_standard_input_is_read() -> None:
    raw = b"\xef\xbb\xbf" + json.dumps(INTAKE).encode()
    result = runner.invoke(app, ["plan", "-", "--json"], input=raw)
    assert result.exit_code == 0, result.output


def test_an_unknown_encoding_is_exit_2_with_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "intake.json"
    path.write_bytes(b'{"age": 35, "name": "\xff\xfe\xfa"}')
    result = runner.invoke(app, ["triage", str(path)])
    assert result.exit_code == 2
    assert "not text in a known encoding" in result.stderr
    assert "Traceback" not in result.output

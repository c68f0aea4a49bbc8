"""The repository stands alone: its docs describe the code, and nothing points outside it."""

from __future__ import annotations

import importlib.util
import re
import subprocess
from pathlib import Path
from types import ModuleType

import pytest

from backcare.engine import default_knowledge

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ("src", "tests", "docs", "bench", "scripts", "README.md", "SAFETY.md")
# Files a user of Backcare does not have, named here only so the test can look for them; the
# last pattern is the old shorthand for their sections ("CLINICAL 5.3").
OUTSIDE = re.compile(r"\.\./shared|shared/|CLINICAL\.md|DESIGN\.md|\bCLINICAL \d")
THIS_FILE = Path(__file__).resolve()


def _tracked_files() -> list[Path]:
    """Files under the checked paths that git tracks, or every file when git is not there."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--", *CHECKED],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout.decode()
        paths = [ROOT / name for name in listed.split("\0") if name]
    except (OSError, subprocess.CalledProcessError):
        paths = []
        for name in CHECKED:
            top = ROOT / name
            paths.extend([top] if top.is_file() else [p for p in top.rglob("*") if p.is_file()])
    return [path for path in paths if path.is_file() and path.resolve() != THIS_FILE]


def _text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None  # images and other binary files


def test_nothing_points_outside_the_repository() -> None:
    found = []
    for path in _tracked_files():
        text = _text(path)
        if text is None:
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if OUTSIDE.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, (
        "These lines point at files outside the repository; point at docs/contracts.md, "
        "docs/clinical-evidence.md or reference ids instead:\n" + "\n".join(found)
    )


def _intake_fields_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "intake_fields", ROOT / "scripts" / "intake_fields.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def intake_fields() -> ModuleType:
    return _intake_fields_script()


def test_contracts_doc_lists_every_intake_field(intake_fields: ModuleType) -> None:
    document = (ROOT / "docs" / "contracts.md").read_text(encoding="utf-8")
    missing = [path for path in intake_fields.field_paths() if f"`{path}`" not in document]
    assert not missing, f"docs/contracts.md does not list these intake fields: {missing}"


def test_contracts_doc_field_table_is_current(intake_fields: ModuleType) -> None:
    document = intake_fields.current_document()
    assert intake_fields.updated_document(document) == document, (
        "The intake field table in docs/contracts.md is out of date. Run: "
        "uv run python scripts/intake_fields.py --write"
    )


def test_clinical_evidence_cites_only_known_references() -> None:
    document = (ROOT / "docs" / "clinical-evidence.md").read_text(encoding="utf-8")
    # Every bracketed group that is not a link, "[NICE-NG59; ACP-2017]", is a list of ids.
    cited = {
        ref.strip()
        for group in re.findall(r"\[([^\]]+)\](?!\()", document)
        for ref in group.split(";")
    }
    assert cited, "docs/clinical-evidence.md should cite reference ids like [NICE-NG59]"
    unknown = sorted(cited - set(default_knowledge().references))
    assert not unknown, f"not in references.yaml: {unknown}"


def test_readme_points_at_the_docs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("docs/contracts.md", "docs/clinical-evidence.md", "docs/triage.md"):
        assert name in readme
        assert (ROOT / name).is_file()

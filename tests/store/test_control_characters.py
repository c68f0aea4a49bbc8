"""NUL and other control characters in typed text: refused the same way on both databases."""

from __future__ import annotations

import importlib
import json
import pkgutil
from collections.abc import Iterator
from typing import Annotated

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError
from sqlalchemy import Engine

import backcare
from backcare.patients.schemas import PatientCreate
from backcare.tracking.schemas import CheckInCreate
from tests.store.helpers import Cli, count_rows

USAGE = 2
# Models filled from package data or code, not typed by anyone: outside this rule.
NOT_TYPED = (
    "backcare.knowledge.",
    "backcare.domain.knowledge.",  # the knowledge object built from the package data
    "backcare.domain.plan_model",
    "backcare.domain.clinician",  # the clinician view: rule data shown back, never typed
    "backcare.settings",
)


def input_models() -> Iterator[type[BaseModel]]:
    """Every input schema (``extra="forbid"``) in the package, found by walking it."""
    for module in pkgutil.walk_packages(backcare.__path__, "backcare."):
        if ".migrations" not in module.name:
            importlib.import_module(module.name)
    pending, seen = list(BaseModel.__subclasses__()), set()
    while pending:
        model = pending.pop()
        pending.extend(model.__subclasses__())
        if model in seen or not model.__module__.startswith("backcare."):
            continue
        seen.add(model)
        typed = not model.__module__.startswith(NOT_TYPED)
        if typed and model.model_config.get("extra") == "forbid":
            yield model


def accepts(model: type[BaseModel], name: str, text: str) -> bool:
    """Whether field ``name`` of ``model`` takes ``text`` (the field alone, as declared)."""
    field = model.model_fields[name]
    declared = Annotated[field.annotation, *field.metadata] if field.metadata else field.annotation
    try:
        TypeAdapter(declared).validate_python(text)
    except ValidationError:
        return False
    return True


def test_every_typed_text_field_refuses_control_characters() -> None:
    text_fields = [
        (model, name)
        for model in input_models()
        for name in model.model_fields
        if accepts(model, name, "plain")
    ]
    assert len(text_fields) >= 7
    unguarded = [
        f"{model.__module__}.{model.__name__}.{name}"
        for model, name in text_fields
        if accepts(model, name, "pl\x00ain")
    ]
    assert unguarded == []


@pytest.mark.parametrize("text", ["Ann\x00", "Ann\x1b[2J", "A\tnn", "Ann\x7f", "An\x85n"])
def test_a_name_with_a_control_character_is_refused_naming_the_field(text: str) -> None:
    with pytest.raises(ValidationError, match="display_name") as raised:
        PatientCreate(display_name=text)
    assert "control character" in str(raised.value)


def test_notes_keep_tabs_and_line_breaks_but_nothing_else() -> None:
    kept = CheckInCreate.model_validate({"date": "2024-05-06", "pain_now": 3, "notes": "a\tb\r\nc"})
    assert kept.notes == "a\tb\r\nc"
    with pytest.raises(ValidationError, match="notes"):
        CheckInCreate.model_validate({"date": "2024-05-06", "pain_now": 3, "notes": "a\x00b"})


def test_the_cli_refuses_a_nul_in_a_name_on_either_database(cli: Cli, engine: Engine) -> None:
    result = cli("patient", "add", "Ann\x00Example")
    assert result.exit_code == USAGE
    assert result.stderr.startswith("Error: display_name: holds a control character (U+0000)")
    assert "Traceback" not in result.output
    assert count_rows(engine, "patients") == 0


def test_the_cli_refuses_an_escape_sequence_in_a_note_on_either_database(
    cli: Cli, engine: Engine
) -> None:
    added = cli("patient", "add", "Ann Example", "--json")
    patient_id = json.loads(added.stdout)["id"]
    note = "fine\x1b[2J"
    result = cli("checkin", patient_id, "--pain", "3", "--note", note, "--date", "2024-05-06")
    assert result.exit_code == USAGE
    assert "notes: holds a control character (U+001B)" in result.stderr
    assert count_rows(engine, "checkins") == 0

"""Helpers for comparing and editing exported Bundles in tests."""

from __future__ import annotations

import copy
import json
from typing import Any

from sqlalchemy import Engine

from backcare.access.actors import operator
from backcare.domain.progress import ImportantChange
from backcare.engine import default_knowledge
from backcare.interop.fhir.export import export_fhir
from backcare.interop.fhir.importer import ImportResult, import_fhir
from backcare.knowledge.loader import Knowledge
from backcare.store.db import read_only, unit_of_work

Bundle = dict[str, Any]


def export(engine: Engine, patient_id: str) -> Bundle:
    with read_only(engine) as session:
        return export_fhir(
            session, patient_id=patient_id, change=important_change(), reader=operator()
        )


def important_change() -> ImportantChange:
    """The packaged knowledge's important change in pain, as every export uses it."""
    return ImportantChange.of(default_knowledge().thresholds)


def import_into(engine: Engine, bundle: Bundle | bytes, knowledge: Knowledge) -> ImportResult:
    raw = bundle if isinstance(bundle, bytes) else json.dumps(bundle).encode()
    with unit_of_work(engine) as session:
        return import_fhir(session, raw=raw, knowledge=knowledge)


def resources(bundle: Bundle, kind: str | None = None) -> list[dict[str, Any]]:
    found = [entry["resource"] for entry in bundle["entry"]]
    return [r for r in found if kind is None or r["resourceType"] == kind]


def ids_aside(bundle: Bundle) -> list[Any]:
    """The entries with every id replaced by its resource's place, so two exports compare."""
    names: dict[str, str] = {}
    for number, resource in enumerate(resources(bundle)):
        names[resource["id"]] = f"{resource['resourceType']}#{number}"
    patient = resources(bundle, "Patient")[0]
    names[patient["identifier"][0]["value"]] = "PATIENT-ID"
    text = json.dumps(resources(bundle), sort_keys=True)
    for old, new in names.items():
        text = text.replace(old, new)
    found: list[Any] = json.loads(text)
    return found


def edited(bundle: Bundle) -> Bundle:
    """A deep copy to spoil in a refusal test."""
    return copy.deepcopy(bundle)

"""The official FHIR R4B JSON schema (vendored, see VENDORED.txt) as a validator per resource."""

from __future__ import annotations

import gzip
import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft6Validator

SCHEMA = Path(__file__).with_name("fhir.schema.json.gz")


@cache
def _definitions() -> dict[str, Any]:
    with gzip.open(SCHEMA, "rt", encoding="utf-8") as stream:
        found: dict[str, Any] = json.load(stream)["definitions"]
    return found


@cache
def _validator(resource_type: str) -> Draft6Validator:
    schema = {"$ref": f"#/definitions/{resource_type}", "definitions": _definitions()}
    return Draft6Validator(schema)


def schema_errors(resource: dict[str, Any]) -> list[str]:
    """What the official schema finds wrong with a resource (empty when it is valid)."""
    validator = _validator(str(resource["resourceType"]))
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(resource)
    ]


def bundle_schema_errors(bundle: dict[str, Any]) -> list[str]:
    """The Bundle checked by the schema: its envelope as a Bundle, each resource by its type.

    Checking the whole Bundle at once makes the schema try each entry against all 140
    resource types (its ``oneOf``), which takes minutes; the per-type checks are the same
    rules.
    """
    shell = {**bundle, "entry": [{"fullUrl": e["fullUrl"]} for e in bundle["entry"]]}
    found = schema_errors(shell)
    for number, entry in enumerate(bundle["entry"]):
        found += [f"entry/{number}/resource/{e}" for e in schema_errors(entry["resource"])]
    return found

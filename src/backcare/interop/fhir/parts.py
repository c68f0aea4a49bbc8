"""Small helpers shared by the Observation families: components and required values."""

from __future__ import annotations

import datetime as dt
from typing import Any

from backcare.interop.fhir.codes import RECORD_KIND, RECORD_PART, coding
from backcare.interop.fhir.ids import problem


def part(code: str, key: str, value: Any, system: str = RECORD_PART) -> dict[str, Any]:
    """An Observation component holding one part of a record."""
    return {"code": {"coding": [coding(system, code)]}, key: value}


def record_kind(resource: dict[str, Any]) -> str | None:
    """Which Backcare record an Observation holds, from its record-kind coding."""
    for found in resource.get("code", {}).get("coding", []):
        if found.get("system") == RECORD_KIND:
            return str(found.get("code"))
    return None


def parts(resource: dict[str, Any], system: str = RECORD_PART) -> dict[str, list[dict[str, Any]]]:
    """The components of an Observation by their code in ``system`` (a code may repeat)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for component in resource.get("component", []):
        for code in component.get("code", {}).get("coding", []):
            if code.get("system") == system:
                found.setdefault(str(code.get("code")), []).append(component)
    return found


def one(
    found: dict[str, list[dict[str, Any]]], code: str, key: str, where: str, default: Any = None
) -> Any:
    """The value of the component ``code``; its default when absent and one is given."""
    components = found.get(code, [])
    if not components:
        if default is not None:
            return default
        raise problem(where, f"component[{code}]", "is missing.")
    if key not in components[0]:
        raise problem(where, f"component[{code}]", f"needs {key}.")
    return components[0][key]


def required(resource: dict[str, Any], key: str, where: str) -> Any:
    """A value the record cannot do without."""
    if resource.get(key) is None:
        raise problem(where, key, "is missing.")
    return resource[key]


def day(resource: dict[str, Any], where: str) -> dt.date:
    """The date an Observation is about (effectiveDateTime, its date part)."""
    text = str(required(resource, "effectiveDateTime", where))
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError as exc:
        raise problem(where, "effectiveDateTime", f"{text!r} is not a date.") from exc


def moment(resource: dict[str, Any], key: str, where: str) -> dt.datetime | None:
    """A FHIR instant as an aware datetime, or None when absent."""
    text = resource.get(key)
    if text is None:
        return None
    try:
        found = dt.datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError as exc:
        raise problem(where, key, f"{text!r} is not a date and time.") from exc
    if found.tzinfo is None:
        raise problem(where, key, "needs a time zone offset (an instant).")
    return found.astimezone(dt.UTC)

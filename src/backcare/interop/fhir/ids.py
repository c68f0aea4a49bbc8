"""Resource ids and references inside an exported Bundle.

Ids are UUIDs derived from the patient's id and the record they stand for, so exporting the
same record twice gives the same Bundle (apart from its timestamp), and a reader can diff two
exports. References are ``urn:uuid:`` full URLs, as a collection Bundle's entries use.
"""

from __future__ import annotations

import uuid
from typing import Any

from backcare.errors import InvalidInputError

_NAMESPACE = uuid.UUID("5c2f5a0e-6a8c-4f0e-9b8e-bac0ca4e0001")
URN = "urn:uuid:"


def resource_id(patient_id: str, kind: str, key: object) -> str:
    """A stable id for the ``kind`` record ``key`` of a patient."""
    return str(uuid.uuid5(_NAMESPACE, f"{patient_id}/{kind}/{key}"))


def full_url(rid: str) -> str:
    """The entry's fullUrl for a resource id."""
    return f"{URN}{rid}"


def ref(rid: str, display: str | None = None) -> dict[str, Any]:
    """A Reference to another entry of the Bundle."""
    found: dict[str, Any] = {"reference": full_url(rid)}
    if display:
        found["display"] = display
    return found


def problem(where: str, field: str, text: str) -> InvalidInputError:
    """The import's refusal: one sentence naming the resource and the field."""
    return InvalidInputError(f"{where}.{field}: {text}")


def first_error(exc: Exception) -> str:
    """The first problem of a pydantic error as 'field: message', or the error's text."""
    errors = getattr(exc, "errors", None)
    if callable(errors):
        found = errors(include_url=False)
        if found:
            where = ".".join(str(part) for part in found[0]["loc"])
            message = str(found[0]["msg"]).removeprefix("Value error, ")
            return f"{where}: {message}" if where else message
    return str(exc)

"""Backcare's own JSON export: everything stored about one person (the right of access)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel
from pydantic_core import to_json, to_jsonable_python

from backcare.records.schemas import PatientRecord

EXPORT_FORMAT = "backcare-export/1"
SECTIONS = ("assessments", "plan_versions", "checkins", "session_logs", "measures", "alerts")
"""Every table that holds patient data, besides the patient's own row and the access part."""
Access = Mapping[str, Sequence[BaseModel]]
"""The access part (backcare.access.export): the person's account, care access, break-glass."""
NO_ACCESS: Access = {}


def record_document(
    record: PatientRecord, *, exported_at: dt.datetime, access: Access = NO_ACCESS
) -> dict[str, Any]:
    """The export as plain JSON values."""
    document = _document(record, exported_at, access)
    return to_jsonable_python(document)  # type: ignore[no-any-return]


def record_json(
    record: PatientRecord, *, exported_at: dt.datetime, access: Access = NO_ACCESS
) -> bytes:
    """The export as indented JSON.

    Written by pydantic's serializer straight from the read schemas: the standard library
    encodes indented JSON in pure Python, which took a second for two years of daily data.
    """
    return to_json(_document(record, exported_at, access), indent=2)


def _document(record: PatientRecord, exported_at: dt.datetime, access: Access) -> dict[str, Any]:
    return {
        "format": EXPORT_FORMAT,
        "exported_at": exported_at.isoformat().replace("+00:00", "Z"),
        "patient": record.patient,
        **{name: getattr(record, name) for name in SECTIONS},
        **access,
    }

"""Export formats, importable without loading the database or web code (the CLI's --help)."""

from __future__ import annotations

from enum import StrEnum


class ExportFormat(StrEnum):
    """The formats a person's record can be exported in."""

    json = "json"
    fhir = "fhir"
    csv = "csv"
    pdf = "pdf"


MEDIA_TYPES = {
    ExportFormat.json: "application/json",
    ExportFormat.fhir: "application/fhir+json",
    ExportFormat.csv: "text/csv; charset=utf-8",
    ExportFormat.pdf: "application/pdf",
}
SUFFIXES = {
    ExportFormat.json: "json",
    ExportFormat.fhir: "fhir.json",
    ExportFormat.csv: "csv",
    ExportFormat.pdf: "pdf",
}

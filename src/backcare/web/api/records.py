"""Records that travel: export a patient's record in any format, import a FHIR Bundle."""

from __future__ import annotations

from functools import partial
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from backcare.errors import InvalidInputError
from backcare.interop.fhir.limits import API_MAX_BYTES, MB
from backcare.records.formats import ExportFormat
from backcare.web.api.responses import problems
from backcare.web.deps import DatabaseDep, KnowledgeDep, PatientId, TodayDep

router = APIRouter(prefix="/patients", tags=["records"])
DOWNLOADS = (ExportFormat.csv, ExportFormat.pdf)


@router.get("/{patient_id}/export", responses=problems(404))
async def export(
    patient_id: PatientId,
    db: DatabaseDep,
    today: TodayDep,
    knowledge: KnowledgeDep,
    format: Annotated[
        ExportFormat, Query(description="json (Backcare's own, everything), fhir, csv or pdf.")
    ] = ExportFormat.json,
) -> Response:
    """The patient's record: all of it as JSON, a FHIR R4B Bundle, CSV, or the PDF report."""
    from backcare.records.exports import export_record

    exported = await db.read(
        partial(
            export_record,
            patient_id=patient_id,
            format=format,
            today=today,
            knowledge=knowledge,
        )
    )
    headers = {}
    if format in DOWNLOADS:
        headers["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return Response(exported.content, media_type=exported.media_type, headers=headers)


@router.post("/import", status_code=201, responses=problems(404))
async def import_bundle(
    request: Request,
    db: DatabaseDep,
    knowledge: KnowledgeDep,
    patient_id: Annotated[
        str | None,
        Query(
            pattern=r"^[0-9a-f]{32}$",
            description="Add the Bundle's latest answers as a new assessment of this patient.",
        ),
    ] = None,
) -> dict[str, object]:
    """Import a FHIR R4B Bundle (JSON body) as a new record, or as a new assessment."""
    from backcare.interop.fhir.importer import import_fhir

    raw = await _body(request)
    result = await db.write(
        partial(import_fhir, raw=raw, knowledge=knowledge, patient_id=patient_id)
    )
    return result.model_dump(mode="json")


async def _body(request: Request) -> bytes:
    """The request body, refused as soon as it passes 10 MB (before it is all read)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > API_MAX_BYTES:
        raise _too_big()
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > API_MAX_BYTES:
            raise _too_big()
        chunks.append(chunk)
    return b"".join(chunks)


def _too_big() -> InvalidInputError:
    return InvalidInputError(
        f"Bundle: the body is over {API_MAX_BYTES // MB} MB, the most the API takes; import "
        "a longer record from a file with `backcare import FILE`."
    )

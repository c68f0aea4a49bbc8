"""Records that travel: export a patient's record in any format, import a FHIR Bundle.

Both go through the one policy (backcare.access.policy): an export is ``record.export`` (the
person, or a clinician the person gave whole-record access), audited with its format; an import
is ``record.import`` (into the record named by ``patient_id``: the person's own, or one in a
clinician's care; as a new record: clinicians), audited as the record's creation or a write.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from sqlalchemy.orm import Session

from backcare.access.policy import Actor
from backcare.access.records import import_record
from backcare.errors import InvalidInputError
from backcare.interop.fhir.limits import API_MAX_BYTES, MB
from backcare.records.formats import ExportFormat
from backcare.web.api.paths import API_V1
from backcare.web.api.responses import problems
from backcare.web.deps import ExportAccess, ImportAccess, KnowledgeDep, PatientId, TodayDep

router = APIRouter(prefix=f"{API_V1}/patients", tags=["records"])
DOWNLOADS = (ExportFormat.csv, ExportFormat.pdf)


@router.get("/{patient_id}/export", responses=problems(401, 403, 404))
async def export(
    patient_id: PatientId,
    access: ExportAccess,
    today: TodayDep,
    knowledge: KnowledgeDep,
    format: Annotated[
        ExportFormat, Query(description="json (Backcare's own, everything), fhir, csv or pdf.")
    ] = ExportFormat.json,
) -> Response:
    """The patient's record: all of it as JSON, a FHIR R4B Bundle, CSV, or the PDF report.

    The person's own, or a clinician's whose care access the person gave for the whole record.
    """
    from backcare.records.exports import export_record

    exported = await access.read_as(
        lambda session, actor: export_record(
            session,
            patient_id=patient_id,
            format=format,
            today=today,
            knowledge=knowledge,
            reader=actor,
        )
    )
    headers = {}
    if format in DOWNLOADS:
        headers["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return Response(exported.content, media_type=exported.media_type, headers=headers)


@router.post("/import", status_code=201, responses=problems(401, 403, 404))
async def import_bundle(
    request: Request,
    access: ImportAccess,
    knowledge: KnowledgeDep,
    patient_id: Annotated[
        str | None,
        Query(
            pattern=r"^[0-9a-f]{32}$",
            description="Add the Bundle's latest answers as a new assessment of this patient "
            "(the person's own record, or one in a clinician's care). Without it, a new record "
            "(clinicians only; they are then given care access to it).",
        ),
    ] = None,
) -> dict[str, object]:
    """Import a FHIR R4B Bundle (JSON body) as a new record, or as a new assessment."""
    raw = await _body(request)
    source = access.request.source

    def work(session: Session, actor: Actor) -> dict[str, object]:
        result = import_record(
            session,
            raw=raw,
            knowledge=knowledge,
            patient_id=patient_id,
            actor=actor,
            source=source,
            now=access.state.now(),
            limit=API_MAX_BYTES,
        )
        return result.model_dump(mode="json")

    return await access.write_as(work)


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

"""`backcare audit list|verify|export`: read, check and hand over the audit log."""

from __future__ import annotations

import os
import re
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from backcare.cli.errors import fail
from backcare.domain.plural import plural

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from backcare.audit.schemas import AuditRow

TAMPERED = 1
_FULL_ID = re.compile(r"[0-9a-f]{32}")


class ExportFormat(StrEnum):
    """The file formats of ``audit export``."""

    jsonl = "jsonl"
    csv = "csv"


def register(app: typer.Typer) -> None:
    """Add the ``audit`` commands to the ``backcare`` application."""
    audit_app = typer.Typer(help="Read, verify and export the audit log.", no_args_is_help=True)
    audit_app.command("list")(audit_list)
    audit_app.command("verify")(audit_verify)
    audit_app.command("export")(audit_export)
    app.add_typer(audit_app, name="audit")


def audit_list(
    patient: Annotated[
        str | None,
        typer.Option(help="Only this person's record: its id (also once erased) or 4+ characters."),
    ] = None,
    limit: Annotated[int, typer.Option(help="How many rows, newest first (1-10000).")] = 50,
    offset: Annotated[int, typer.Option(help="Skip this many of the newest rows.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines.")] = False,
) -> None:
    """List the audit log, newest first: who did what to which record, when, from where."""
    from backcare.audit.schemas import AuditAction
    from backcare.audit.service import list_events
    from backcare.cli.audit_trail import audit_cli
    from backcare.cli.store_edge import store, store_errors
    from backcare.store.db import unit_of_work

    with store_errors(), store() as engine, unit_of_work(engine) as session:
        patient_id = None if patient is None else _patient_id(session, patient)
        rows = list_events(session, patient_id=patient_id, limit=limit, offset=offset)
        audit_cli(
            session, AuditAction.audit_read, patient_id=patient_id, detail=f"{len(rows)} rows"
        )
    if as_json:
        for row in rows:
            typer.echo(row.model_dump_json())
        return
    Console(soft_wrap=False).print(_table(rows) if rows else "The audit log has no such rows.")


def audit_verify() -> None:
    """Check the hash chain: exit 0 when every row is intact, 1 naming the first that is not."""
    from backcare.audit.service import verify
    from backcare.cli.store_edge import store, store_errors
    from backcare.store.db import read_only

    with store_errors(), store() as engine, read_only(engine) as session:
        report = verify(session)
    if not report.ok:
        typer.echo(
            f"The audit log does not verify: {report.problem} "
            f"({report.rows_checked} rows before it are intact).",
            err=True,
        )
        raise typer.Exit(TAMPERED)
    rows = plural(report.rows_checked, "row")
    typer.echo(f"The audit log verifies: {rows}, head hash {report.head_hash}.")


def audit_export(
    out: Annotated[Path, typer.Option("--out", help="The file to write.")],
    fmt: Annotated[ExportFormat, typer.Option("--format", help="jsonl or csv.")] = (
        ExportFormat.jsonl
    ),
) -> None:
    """Export the whole audit log, oldest first, to a file (JSON lines or CSV)."""
    from backcare.audit.schemas import AuditAction
    from backcare.audit.service import export
    from backcare.cli.audit_trail import audit_cli
    from backcare.cli.store_edge import store, store_errors
    from backcare.store.db import unit_of_work

    if not out.parent.is_dir():
        fail(f"--out: the folder {str(out.parent)!r} does not exist.")
    # Written beside the target and renamed once committed, so a failure leaves no half file.
    handle, temp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.")
    try:
        with (
            os.fdopen(handle, "w", encoding="utf-8", newline="") as stream,
            store_errors(),
            store() as engine,
            unit_of_work(engine) as session,
        ):
            count = export(session, stream, fmt=fmt.value)
            stream.flush()
            os.fsync(stream.fileno())
            audit_cli(session, AuditAction.audit_export, patient_id=None, detail=f"{count} rows")
        os.replace(temp, out)
    finally:
        Path(temp).unlink(missing_ok=True)
    typer.echo(f"Wrote {plural(count, 'row')} to {out}.", err=True)


def _patient_id(session: Session, text: str) -> str:
    """A full id as typed (the record may be erased), or the id a live record's prefix names."""
    from backcare.cli.store_edge import resolve_patient

    text = text.strip().lower()
    return text if _FULL_ID.fullmatch(text) else resolve_patient(session, text)


def _table(rows: list[AuditRow]) -> Table:
    table = Table("#", "when (UTC)", "who", "action", "record", "outcome", "from", "detail")
    for row in rows:
        who = f"{row.actor_role} {row.actor_name or row.actor_id or ''}".strip()
        detail = "(sealed at erasure)" if row.sealed else row.detail
        table.add_row(
            str(row.seq),
            f"{row.at:%Y-%m-%d %H:%M:%S}",
            who,
            row.action,
            (row.patient_id or "")[:8],
            row.outcome,
            row.source,
            detail,
        )
    return table

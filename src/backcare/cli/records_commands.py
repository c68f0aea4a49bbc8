"""Records that travel: export in every format, import a FHIR Bundle, the clinic's
de-identified CSV; backup and restore live in backup_commands.py.

Each is written to the audit log as the operating-system user (source ``cli``), like the other
commands: an export as ``record.export`` naming its format, an import as the record's creation
or a write, the clinic's CSV as an export of each person it holds.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from backcare.cli.errors import check_out, fail
from backcare.domain.plural import plural
from backcare.records.formats import ExportFormat

PatientArg = Annotated[str, typer.Argument(help="Patient id, or its first 4+ characters.")]
OutOption = Annotated[Path | None, typer.Option(help="Write to this file instead of stdout.")]
TodayOption = Annotated[
    dt.datetime | None,
    typer.Option("--today", formats=["%Y-%m-%d"], help="Last day of the report, YYYY-MM-DD."),
]


def register(app: typer.Typer) -> None:
    """Add the record commands to the ``backcare`` application."""
    app.command("export")(export)
    app.command("import")(import_bundle)
    app.command("export-clinic")(export_clinic)
    app.command("research-consent")(research_consent)
    app.command("plan-pdf")(plan_pdf)


def export(
    patient: PatientArg,
    format: Annotated[
        ExportFormat,
        typer.Option("--format", help="json (everything, Backcare's own), fhir, csv, pdf."),
    ] = ExportFormat.json,
    out: OutOption = None,
    today: TodayOption = None,
) -> None:
    """Export a patient's record: JSON (the default), a FHIR R4B Bundle, CSV or a PDF report."""
    from backcare.access.actors import operator
    from backcare.audit.schemas import AuditAction
    from backcare.cli.audit_trail import audit_cli
    from backcare.cli.store_edge import resolve_patient, store, store_errors
    from backcare.knowledge.loader import load_knowledge
    from backcare.records.exports import export_record
    from backcare.store.db import read_only, unit_of_work

    check_out(out)
    if format == ExportFormat.pdf and out is None:
        fail("export: a PDF needs --out FILE; it cannot be shown in a terminal.")
    day = dt.date.today() if today is None else today.date()
    with store_errors(), store() as engine:
        # Read without SQLite's write lock; the audit line is written before anything is shown.
        with read_only(engine) as session:
            patient_id = resolve_patient(session, patient)
            knowledge = load_knowledge()
            exported = export_record(
                session,
                patient_id=patient_id,
                format=format,
                today=day,
                knowledge=knowledge,
                reader=operator(),
            )
        with unit_of_work(engine) as session:
            detail = f"export format={format.value}"
            audit_cli(session, AuditAction.record_export, patient_id=patient_id, detail=detail)
    emit(exported.content, out)


def plan_pdf(
    patient: PatientArg,
    out: Annotated[Path, typer.Option("--out", help="The PDF file to write.")],
    version: Annotated[
        int | None,
        typer.Option(min=1, max=1_000_000, help="An earlier plan version (default: the current)."),
    ] = None,
    today: TodayOption = None,
) -> None:
    """Write the printable plan as a PDF: every item with its steps, pictures and sources."""
    from backcare.access import trail
    from backcare.access.actors import operator
    from backcare.access.policy import Action, Outcome, RecordFacts, decide
    from backcare.assessments import service as assessments
    from backcare.cli.audit_trail import audit_cli
    from backcare.cli.store_edge import resolve_patient, store, store_errors
    from backcare.knowledge.loader import load_knowledge
    from backcare.patients.service import get_patient
    from backcare.store.db import read_only, unit_of_work
    from backcare.web.plan_print import plan_pdf as render_pdf
    from backcare.web.plan_print import print_view

    check_out(out)
    day = dt.date.today() if today is None else today.date()
    with store_errors(), store() as engine:
        with read_only(engine) as session:
            patient_id = resolve_patient(session, patient)
            # The same policy as the printable page: a read of the plan.
            if decide(operator(), Action.READ, RecordFacts(patient_id)) is not Outcome.ALLOWED:
                fail("plan-pdf: reading this record is not allowed from the command line.")
            name = get_patient(session, patient_id=patient_id).display_name
            if version is None:
                current = assessments.current_plan(session, patient_id=patient_id)
            else:
                current = assessments.get_plan_version(
                    session, patient_id=patient_id, version=version
                )
            if current is None:
                fail(f"patient: {name} has no plan yet; run `backcare assess --patient` first.")
            view = print_view(current, name=name, knowledge=load_knowledge(), today=day)
        content = render_pdf(view)
        with unit_of_work(engine) as session:
            detail = f"plan-pdf version={current.version}"
            audit_cli(
                session, trail.AUDIT_ACTIONS[Action.READ], patient_id=patient_id, detail=detail
            )
    emit(content, out)


def import_bundle(
    file: Annotated[str, typer.Argument(help="A FHIR R4B Bundle (JSON), or - for stdin.")],
    patient: Annotated[
        str | None,
        typer.Option(
            "--patient", help="Add the latest answers as a new assessment of this patient."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print what was stored as JSON.")] = False,
) -> None:
    """Import a FHIR Bundle as a new record (or as a new assessment with --patient)."""
    from backcare.access.actors import operator
    from backcare.access.records import import_record
    from backcare.access.trail import CLI_SOURCE
    from backcare.cli.store_edge import resolve_patient, store, store_errors
    from backcare.interop.fhir.limits import FILE_MAX_BYTES
    from backcare.knowledge.loader import load_knowledge
    from backcare.store.db import unit_of_work
    from backcare.store.types import utcnow

    raw = read_input(file)
    with store_errors():
        knowledge = load_knowledge()
        with store() as engine, unit_of_work(engine) as session:
            patient_id = None if patient is None else resolve_patient(session, patient)
            result = import_record(
                session,
                raw=raw,
                knowledge=knowledge,
                patient_id=patient_id,
                actor=operator(),
                source=CLI_SOURCE,
                now=utcnow(),
                limit=FILE_MAX_BYTES,
            )
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
        return
    what = "New record" if result.created else "New assessment"
    counts = [
        plural(result.assessments, "assessment"),
        plural(result.plan_versions, "plan version"),
        plural(result.checkins, "check-in"),
        plural(result.session_logs, "session log"),
        plural(result.measures, "measure"),
        plural(result.alerts, "alert"),
    ]
    if result.care_teams or result.notes or result.messages:
        counts += [
            plural(result.care_teams, "care team"),
            plural(result.notes, "note"),
            plural(result.messages, "message"),
        ]
    typer.echo(f"{what} {result.patient_id}: {', '.join(counts)}.")
    for notice in result.notices:
        typer.echo(f"Note: {notice}")


def export_clinic(
    key_file: Annotated[
        Path, typer.Option("--key-file", help="The clinic's secret key for pseudonyms (a file).")
    ],
    consent_confirmed: Annotated[
        bool,
        typer.Option(
            "--consent-confirmed",
            help="Include everyone: confirm that every person in this database agreed to this "
            "use of their data (without it: only people whose consent `backcare "
            "research-consent` recorded).",
        ),
    ] = False,
    out: OutOption = None,
) -> None:
    """De-identified CSV of the check-ins, sessions and measures of every person who consented,
    for a clinic."""
    from backcare.audit.schemas import AuditAction
    from backcare.cli.audit_trail import audit_cli
    from backcare.cli.store_edge import store, store_errors
    from backcare.records.deidentify import MIN_KEY_BYTES, deidentified_csv
    from backcare.records.research_consent import consenting
    from backcare.store.db import read_only, unit_of_work

    check_out(out)
    if not key_file.is_file():
        fail(f"key-file: no such file: {key_file}")
    key = key_file.read_bytes().strip()
    if len(key) < MIN_KEY_BYTES:
        fail(f"key-file: the key must be at least {MIN_KEY_BYTES} bytes of secret text.")
    included: list[str] = []

    with store_errors(), store() as engine:
        with read_only(engine) as session:
            recorded = consenting(session)
            if not recorded and not consent_confirmed:
                fail(
                    "export-clinic: nobody in this database has consent to this export "
                    "recorded; record each person's with `backcare research-consent PATIENT`, "
                    "or add --consent-confirmed once every person has agreed."
                )

            def consented(patient_id: str) -> bool:
                if consent_confirmed or patient_id in recorded:
                    included.append(patient_id)
                    return True
                return False

            text = deidentified_csv(session, key=key, consented=consented)
        # Each person's record was read, de-identified or not: each person's log says so.
        with unit_of_work(engine) as session:
            for patient_id in included:
                audit_cli(
                    session,
                    AuditAction.record_export,
                    patient_id=patient_id,
                    detail="export-clinic: de-identified CSV",
                )
            audit_cli(
                session,
                AuditAction.record_export,
                patient_id=None,
                detail=f"export-clinic: de-identified CSV of {len(included)} people",
            )
    emit(text.encode(), out)


def research_consent(
    patient: PatientArg,
    withdraw: Annotated[
        bool, typer.Option("--withdraw", help="Record that the person withdrew their consent.")
    ] = False,
) -> None:
    """Record a person's consent to their de-identified data in the clinic's export (or that
    they withdrew it: they are left out of every later export)."""
    from backcare.audit.schemas import AuditAction
    from backcare.cli.audit_trail import audit_cli, cli_actor
    from backcare.cli.store_edge import resolve_patient, store, store_errors
    from backcare.records import research_consent as consent
    from backcare.store.db import unit_of_work
    from backcare.store.types import utcnow

    with store_errors(), store() as engine, unit_of_work(engine) as session:
        patient_id = resolve_patient(session, patient)
        by, now = cli_actor().name, utcnow()
        change = consent.withdraw if withdraw else consent.give
        changed = change(session, patient_id=patient_id, by=by, now=now)
        if changed:
            action = AuditAction.access_revoke if withdraw else AuditAction.access_grant
            what = "withdrawn" if withdraw else "given"
            detail = f"research consent {what}: de-identified data in the clinic's export"
            audit_cli(session, action, patient_id=patient_id, detail=detail)
    if not changed:
        state = "no consent to withdraw" if withdraw else "consent recorded already"
        typer.echo(f"Nothing changed: {patient_id} has {state}.")
        return
    typer.echo(f"Consent {'withdrawn' if withdraw else 'recorded'} for {patient_id}.")


def read_input(file: str) -> bytes:
    """The bytes of a file or of standard input, refusing one too large to import."""
    from backcare.errors import InvalidInputError
    from backcare.interop.fhir.limits import FILE_MAX_BYTES, read_capped

    path = Path(file)
    if file != "-" and not path.is_file():
        fail(f"no such file: {file}")
    try:
        if file == "-":
            return read_capped(sys.stdin.buffer, FILE_MAX_BYTES)
        with path.open("rb") as stream:
            return read_capped(stream, FILE_MAX_BYTES)
    except InvalidInputError as exc:
        fail(f"{file}: {exc}")


def emit(content: bytes, out: Path | None) -> None:
    """Write to ``out`` (atomically: a crash leaves no half file) or to standard output."""
    if out is None:
        sys.stdout.buffer.write(content if content.endswith(b"\n") else content + b"\n")
        sys.stdout.flush()
        return
    handle, temp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, out)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    typer.echo(f"Wrote {out}.", err=True)

"""Adaptation commands: the weekly review, progress, and the demo patients."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from backcare.domain.plural import plural

PatientArg = Annotated[str, typer.Argument(help="Patient id, or its first 4+ characters.")]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
TodayOption = Annotated[
    dt.datetime | None,
    typer.Option(
        "--today", formats=["%Y-%m-%d"], help="The day to use, YYYY-MM-DD (default today)."
    ),
]


def add_adapt_commands(app: typer.Typer) -> None:
    """Add ``review``, ``progress`` and ``demo`` to the application."""
    app.command("review")(review)
    app.command("progress")(progress)
    app.command("demo")(demo)


def _console() -> Console:
    return Console(soft_wrap=False)


def _day(value: dt.datetime | None) -> dt.date:
    """The given day (not after today), or today in the person's own time zone."""
    from backcare.cli.errors import fail

    today = dt.date.today()
    if value is not None and value.date() > today:
        fail(f"today: {value.date().isoformat()} is after today ({today.isoformat()}).")
    return today if value is None else value.date()


def review(patient: PatientArg, today: TodayOption = None, as_json: JsonFlag = False) -> None:
    """Run the weekly review: what changed in the plan and why, or why nothing did."""
    from backcare.adaptation.service import review_patient
    from backcare.audit.schemas import AuditAction
    from backcare.cli.audit_trail import audit_cli
    from backcare.cli.review_view import show_report
    from backcare.cli.store_edge import resolve_patient, store, store_errors
    from backcare.engine import default_knowledge
    from backcare.store.db import unit_of_work

    with store_errors(), store() as engine, unit_of_work(engine) as session:
        patient_id = resolve_patient(session, patient)
        report = review_patient(
            session, patient_id=patient_id, knowledge=default_knowledge(), today=_day(today)
        )
        audit_cli(session, AuditAction.record_write, patient_id=patient_id, detail="review")
    if as_json:
        typer.echo(report.model_dump_json(indent=2))
        return
    show_report(report, _console())


def progress(patient: PatientArg, today: TodayOption = None, as_json: JsonFlag = False) -> None:
    """Show progress: weekly pain and its change, PEG, adherence, streaks and a chart."""
    from backcare.audit.schemas import AuditAction
    from backcare.cli.audit_trail import audit_cli
    from backcare.cli.progress_view import show_progress
    from backcare.cli.store_edge import resolve_patient, store, store_errors
    from backcare.engine import default_knowledge
    from backcare.patients.service import get_patient
    from backcare.store.db import unit_of_work
    from backcare.tracking.progress import progress_for

    with store_errors(), store() as engine, unit_of_work(engine) as session:
        patient_id = resolve_patient(session, patient)
        name = get_patient(session, patient_id=patient_id).display_name
        report = progress_for(
            session, patient_id=patient_id, today=_day(today), knowledge=default_knowledge()
        )
        audit_cli(session, AuditAction.record_read, patient_id=patient_id, detail="progress")
    if as_json:
        typer.echo(report.model_dump_json(indent=2))
        return
    show_progress(report, _console(), name=name)


def demo(
    patients: Annotated[int, typer.Option(help="How many demo patients (1-40).")] = 4,
    seed: Annotated[int, typer.Option(help="Seed: the same seed gives the same history.")] = 1,
    today: TodayOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Create demo patients with 12 weeks of daily history, reviewed week by week."""
    from backcare.access.actors import operator
    from backcare.accounts.local import give_demo_access
    from backcare.audit.schemas import AuditAction
    from backcare.cli.audit_trail import audit_cli
    from backcare.cli.store_edge import store, store_errors
    from backcare.demo.service import create_demo
    from backcare.engine import default_knowledge
    from backcare.store.db import unit_of_work
    from backcare.store.types import utcnow

    with store_errors(), store() as engine, unit_of_work(engine) as session:
        created = create_demo(
            session,
            patients=patients,
            seed=seed,
            today=_day(today),
            knowledge=default_knowledge(),
        )
        for made in created:
            audit_cli(session, AuditAction.record_create, patient_id=made.id, detail="demo")
        ids = [made.id for made in created]
        clinician = give_demo_access(session, patient_ids=ids, by=operator(), now=utcnow())
    if as_json:
        typer.echo(json.dumps([p.model_dump(mode="json") for p in created], indent=2))
        return
    table = Table("name", "plan versions", "alerts", "triage now")
    table.add_column("id", no_wrap=True, min_width=32)
    for p in created:
        table.add_row(p.name, str(p.plan_versions), str(p.alerts), p.level, p.id)
    console = _console()
    console.print(table)
    days = created[0].checkins if created else 0
    console.print(
        f"Each has {plural(days, 'day')} of check-ins. Try `backcare progress ID` or "
        "`backcare export ID`."
    )
    console.print(
        f"On the web they are in the care of the demo physiotherapist ({clinician}): "
        f"`backcare user reset-password {clinician}` prints a sign-in link."
    )

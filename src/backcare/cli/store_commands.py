"""Store-backed commands: database, patients, assessments and erasure.

Tracking (check-in, log-session), adaptation (review, progress, demo) and record (export,
import, backup) commands are added from their own modules.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any

import typer
from rich.console import Console

from backcare.cli.adapt_commands import add_adapt_commands
from backcare.cli.backup_commands import register as register_backup
from backcare.cli.errors import fail
from backcare.cli.records_commands import register as register_records
from backcare.cli.tracking_commands import add_tracking_commands, stdin_is_terminal
from backcare.domain.intake import Activity, Equipment, Intake, Preferences, Work
from backcare.domain.plural import plural
from backcare.patients.schemas import PatientCreate, PatientRead

# SQLAlchemy and Alembic are imported inside the commands that use them, so `backcare triage`
# and `backcare plan` do not pay for loading them.

PatientArg = Annotated[str, typer.Argument(help="Patient id, or its first 4+ characters.")]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def register(app: typer.Typer) -> None:
    """Add the store-backed commands to the ``backcare`` application."""
    db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)
    db_app.command("upgrade")(db_upgrade)
    app.add_typer(db_app, name="db")
    patient_app = typer.Typer(help="Add, list and show patients.", no_args_is_help=True)
    patient_app.command("add")(patient_add)
    patient_app.command("list")(patient_list)
    patient_app.command("show")(patient_show)
    app.add_typer(patient_app, name="patient")
    # `assess --patient` lives in main.py: one command for files and the questionnaire.
    add_tracking_commands(app)
    add_adapt_commands(app)
    register_records(app)
    register_backup(app)
    app.command("delete")(delete)


def _console() -> Console:
    return Console(soft_wrap=False)


def db_upgrade() -> None:
    """Create the database or bring it to the current schema (also done by every command)."""
    from backcare.cli.store_edge import store, store_errors
    from backcare.store.migrate import current_revision

    with store_errors(), store() as engine:
        revision = current_revision(engine)
    typer.echo(f"Database is at revision {revision}.")


def patient_add(
    name: Annotated[str, typer.Argument(help="Name to show for the patient.")],
    minutes: Annotated[int, typer.Option(help="Minutes per exercise day.")] = 30,
    days: Annotated[int, typer.Option(help="Exercise days per week.")] = 5,
    equipment: Annotated[list[Equipment] | None, typer.Option(help="Repeat for each.")] = None,
    activity: Annotated[list[Activity] | None, typer.Option(help="Repeat for each.")] = None,
    partner: Annotated[bool, typer.Option(help="Someone can give a massage.")] = False,
    work: Annotated[Work | None, typer.Option(help="Main kind of work.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Add a patient and print their id."""
    from backcare.audit.schemas import AuditAction
    from backcare.cli.audit_trail import audit_cli
    from backcare.cli.store_edge import store, store_errors
    from backcare.patients.service import create_patient
    from backcare.store.db import unit_of_work

    with store_errors():
        preferences = Preferences(
            minutes_per_day=minutes,
            days_per_week=days,
            equipment=equipment or [],
            activities=activity or [],
            partner_available=partner,
            work=work,
        )
        data = PatientCreate(display_name=name, preferences=preferences)
        with store() as engine, unit_of_work(engine) as session:
            patient = create_patient(session, data=data)
            audit_cli(session, AuditAction.record_create, patient_id=patient.id)
    if as_json:
        typer.echo(patient.model_dump_json(indent=2))
    else:
        typer.echo(f"Added {patient.display_name}: {patient.id}")


def patient_list(as_json: JsonFlag = False) -> None:
    """List patients, oldest first."""
    from backcare.audit.schemas import AuditAction
    from backcare.cli.audit_trail import audit_cli
    from backcare.cli.store_edge import store, store_errors
    from backcare.patients.service import list_patients
    from backcare.store.db import unit_of_work

    with store_errors(), store() as engine, unit_of_work(engine) as session:
        patients = list_patients(session, limit=10_000)
        detail = f"{len(patients)} records listed"
        audit_cli(session, AuditAction.record_list, patient_id=None, detail=detail)
    if as_json:
        typer.echo(json.dumps([p.model_dump(mode="json") for p in patients], indent=2))
        return
    from backcare.cli.tables import id_column_table

    table = id_column_table("name", "added", ids=(p.id for p in patients))
    for p in patients:
        table.add_row(p.id, p.display_name, p.created_at.date().isoformat())
    _console().print(table if patients else "No patients yet: add one with `backcare patient add`.")


def patient_show(patient: PatientArg, as_json: JsonFlag = False) -> None:
    """Show a patient's profile, current plan version and tracking counts."""
    from backcare.assessments.service import current_plan
    from backcare.audit.schemas import AuditAction
    from backcare.cli.audit_trail import audit_cli
    from backcare.cli.store_edge import resolve_patient, store, store_errors
    from backcare.patients.service import get_patient
    from backcare.store.db import unit_of_work
    from backcare.tracking.service import tracking_summary

    with store_errors(), store() as engine, unit_of_work(engine) as session:
        patient_id = resolve_patient(session, patient)
        profile = get_patient(session, patient_id=patient_id)
        plan = current_plan(session, patient_id=patient_id)
        summary = tracking_summary(session, patient_id=patient_id)
        audit_cli(session, AuditAction.record_read, patient_id=patient_id, detail="profile")
    if as_json:
        document: dict[str, Any] = {
            "patient": profile.model_dump(mode="json"),
            "plan_version": None if plan is None else plan.version,
            "tracking": summary.model_dump(mode="json"),
        }
        typer.echo(json.dumps(document, indent=2))
        return
    _show_profile(profile, plan.version if plan else None, summary.model_dump())


def _show_profile(profile: PatientRead, version: int | None, summary: dict[str, Any]) -> None:
    console = _console()
    prefs = profile.preferences
    console.print(f"[bold]{profile.display_name}[/]  id {profile.id}")
    console.print(f"Added {profile.created_at:%Y-%m-%d %H:%M} UTC")
    console.print(
        f"Time: {prefs.minutes_per_day} min a day, {plural(prefs.days_per_week, 'day')} a week"
    )
    console.print(f"Plan: {'version ' + str(version) if version else 'none yet (run assess)'}")
    last = summary["last_checkin"] or "never"
    console.print(f"Check-ins: {summary['checkins']} (last {last})")
    console.print(f"Open alerts: {summary['open_alerts']}")


def save_assessment(
    intake: Intake, patient: str, *, by: str, as_json: bool, on: dt.date | None = None
) -> None:
    """Store an assessment of ``patient`` (id or prefix), made ``on`` (default today), and
    show the plan it started.

    Shared by ``assess --patient FILE`` and any interactive intake that ends with a patient.
    """
    from backcare.assessments.service import assess_patient_on
    from backcare.audit.schemas import AuditAction
    from backcare.cli.audit_trail import audit_cli
    from backcare.cli.render import plan_view
    from backcare.cli.store_edge import resolve_patient, store, store_errors
    from backcare.domain.plan_model import Plan
    from backcare.knowledge.loader import load_knowledge
    from backcare.store.db import unit_of_work

    with store_errors():
        knowledge = load_knowledge()
        with store() as engine, unit_of_work(engine) as session:
            patient_id = resolve_patient(session, patient)
            today = dt.date.today()
            result = assess_patient_on(
                session,
                patient_id=patient_id,
                intake=intake,
                knowledge=knowledge,
                on=on or today,
                today=today,
                created_by=by,
            )
            detail = "assessment" if on is None else f"assessment dated {on.isoformat()}"
            audit_cli(session, AuditAction.record_write, patient_id=patient_id, detail=detail)
    version = result.plan_version
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
        return
    console = _console()
    plan_view(Plan.model_validate(version.plan), console)
    console.print(f"Saved as assessment {result.assessment.id}, plan version {version.version}.")


def delete(
    patient: PatientArg,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Erase a patient and everything stored about them. This cannot be undone.

    The audit log keeps one line saying the record was erased, by whom and when; the details
    of its earlier rows about the person are sealed (see backcare.audit).
    """
    from backcare.accounts.repository import account_of_patient
    from backcare.audit.schemas import AuditAction
    from backcare.cli.audit_trail import CLI_SOURCE, audit_cli, cli_actor
    from backcare.cli.store_edge import resolve_patient, store, store_errors
    from backcare.patients.service import erase_patient, get_patient
    from backcare.store.db import forget_erased, unit_of_work
    from backcare.store.types import utcnow

    with store_errors(), store() as engine:
        with unit_of_work(engine) as session:
            profile = get_patient(session, patient_id=resolve_patient(session, patient))
            audit_cli(session, AuditAction.record_read, patient_id=profile.id, detail="erase check")
        _confirm_erase(profile, yes=yes)
        with unit_of_work(engine) as session:
            account = account_of_patient(session, profile.id)
            erase_patient(
                session,
                patient_id=profile.id,
                actor=cli_actor(),
                source=CLI_SOURCE,
                at=utcnow(),
                account_ids=[account.id] if account is not None else [],
            )
        forget_erased(engine)
    typer.echo(f"Erased {profile.display_name} ({profile.id}) and all their data.")


def _confirm_erase(profile: PatientRead, *, yes: bool) -> None:
    if yes:
        return
    if not stdin_is_terminal():
        fail("delete: add --yes to confirm; there is no terminal to ask.")
    question = f"Erase {profile.display_name} ({profile.id}) and ALL their data for good?"
    if not typer.confirm(question, default=False):
        typer.echo("Nothing was deleted.")
        raise typer.Exit(0)

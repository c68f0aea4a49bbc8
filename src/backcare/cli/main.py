"""The `backcare` command line: triage, plan and assess; the catalog and the store are added."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from backcare.cli.account_commands import register as register_account_commands
from backcare.cli.audit_commands import register as register_audit_commands
from backcare.cli.catalog_commands import catalog_app
from backcare.cli.errors import InputProblem, fail, friendly_errors, read_json
from backcare.cli.jobs_commands import register as register_jobs_commands
from backcare.cli.questionnaire import ask_everything
from backcare.cli.render import plan_view, triage_panel
from backcare.cli.rules_commands import register as register_rules_commands
from backcare.cli.store_commands import register as register_store_commands
from backcare.cli.store_commands import save_assessment
from backcare.cli.web_commands import register as register_web_commands

if TYPE_CHECKING:
    from backcare.domain.intake import Intake

app = typer.Typer(
    help="Backcare: red-flag triage and explained self-care plans for low back pain.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(catalog_app, name="catalog")

JsonFlag = Annotated[bool, typer.Option("--json", help="Print the contract JSON document.")]


def _console() -> Console:
    return Console(soft_wrap=False)


ClinicianFlag = Annotated[
    bool,
    typer.Option(
        "--clinician",
        help="Also show each rule's rationale, the answers it read, its sources, and the "
        "lower levels considered (with --json: an extra 'clinician' key).",
    ),
]


@app.command("triage")
def triage_command(
    file: Annotated[str, typer.Argument(help="Intake JSON file, or - for standard input.")],
    as_json: JsonFlag = False,
    clinician: ClinicianFlag = False,
) -> None:
    """Screen an intake for warning signs and say how urgently to see a doctor."""
    from backcare.domain.plan_model import TriageResult
    from backcare.engine import triage_clinician_document, triage_document

    build = triage_clinician_document if clinician else triage_document
    with friendly_errors():
        document = build(_mapping(read_json(file), file))
    if as_json:
        typer.echo(json.dumps(document, indent=2))
        return
    view = document.pop("clinician", None)
    console = _console()
    console.print(triage_panel(TriageResult.model_validate(document)))
    if view is not None:
        from backcare.cli.clinician_render import clinician_tables
        from backcare.domain.clinician import ClinicianView

        console.print(clinician_tables(ClinicianView.model_validate(view)))


@app.command("plan")
def plan_command(
    files: Annotated[list[str], typer.Argument(help="Intake JSON file(s), or - for stdin.")],
    as_json: JsonFlag = False,
) -> None:
    """Triage and build a personalised plan; several files give a JSON list."""
    from backcare.domain.plan_model import Plan
    from backcare.engine import plan_document

    with friendly_errors():
        documents = [plan_document(_mapping(read_json(f), f)) for f in files]
    if as_json:
        typer.echo(json.dumps(documents[0] if len(documents) == 1 else documents, indent=2))
        return
    console = _console()
    for name, document in zip(files, documents, strict=True):
        if len(files) > 1:
            console.rule(name)
        plan_view(Plan.model_validate(document), console)


@app.command("assess")
def assess_command(
    file: Annotated[
        str | None, typer.Argument(help="Intake JSON file or -; without it, ask the questions.")
    ] = None,
    patient: Annotated[
        str | None, typer.Option("--patient", help="Store it for this patient (id or prefix).")
    ] = None,
    out: Annotated[Path, typer.Option(help="Where to save the answers.")] = Path("intake.json"),
    by: Annotated[str, typer.Option(help="Who made this assessment.")] = "backcare",
    on: Annotated[
        dt.datetime | None,
        typer.Option(
            "--date",
            formats=["%Y-%m-%d"],
            help="With --patient: the day it was made, if earlier (YYYY-MM-DD; up to a year "
            "back). The record then starts that day.",
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Assess: ask the questions (warning signs first) or read FILE, then show the plan.

    With --patient the assessment and its plan are stored as the patient's new plan version;
    --date records it for an earlier day (a paper form, a pain diary entered later).
    """
    if on is not None and patient is None:
        fail("date: --date records a stored assessment, so give --patient too.")
    from backcare.domain.intake import Intake

    with friendly_errors():
        if file is None:
            intake = Intake.model_validate(ask_everything(_console()))
            out.write_text(
                json.dumps(intake.model_dump(mode="json", exclude_defaults=True), indent=2)
            )
            typer.echo(f"Saved your answers to {out}.", err=as_json)
        else:
            intake = Intake.model_validate(_mapping(read_json(file), file))
    if patient is not None:
        save_assessment(
            intake, patient, by=by, as_json=as_json, on=None if on is None else on.date()
        )
        return
    _show_plan(intake, as_json=as_json)


def _show_plan(intake: Intake, *, as_json: bool) -> None:
    from backcare.domain.plan_model import Plan
    from backcare.engine import plan_document

    document = plan_document(intake.model_dump(mode="json", exclude_defaults=True))
    if as_json:
        typer.echo(json.dumps(document, indent=2))
    else:
        plan_view(Plan.model_validate(document), _console())


def _mapping(document: object, source: str) -> dict[str, object]:
    if not isinstance(document, dict):
        raise InputProblem(f"{source}: an intake must be a JSON object")
    return document


# The store commands share this application; their heavy imports happen inside each command.
register_store_commands(app)
register_web_commands(app)
register_account_commands(app)
register_audit_commands(app)
register_jobs_commands(app)
register_rules_commands(app)


def run() -> None:
    """Console-script entry point."""
    app()

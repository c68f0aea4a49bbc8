"""``backcare jobs run-due``: run the weekly reviews that are due (for cron or a systemd timer)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

NowOption = Annotated[
    str | None,
    typer.Option(
        "--now",
        help="The time to act as, ISO 8601 (e.g. 2026-05-04T07:00 or with +02:00); "
        "default now. Not in the future.",
    ),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
EARLIEST = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def register(app: typer.Typer) -> None:
    """Add ``jobs run-due`` to the ``backcare`` application."""
    jobs_app = typer.Typer(help="Work that runs on its own: the weekly reviews.")
    jobs_app.command("run-due")(run_due_command)
    app.add_typer(jobs_app, name="jobs")


def parse_now(text: str | None, *, real_now: dt.datetime) -> dt.datetime:
    """``--now`` as an aware time (a time without an offset is this computer's local time)."""
    from backcare.cli.errors import fail

    if text is None:
        return real_now
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        fail(f"now: {text!r} is not a date and time such as 2026-05-04T07:00.")
    if value.tzinfo is None:
        value = value.astimezone()  # the local zone, as a person at this computer means it
    if value > real_now:
        fail(f"now: {value.isoformat()} is in the future; reviews look at weeks already lived.")
    if value < EARLIEST:
        fail(f"now: {value.isoformat()} is before 2000; give a date of this record.")
    return value


def run_due_command(now: NowOption = None, as_json: JsonFlag = False) -> None:
    """Run every weekly review that is due and say what each came to; again, it does nothing."""
    from backcare.cli.audit_trail import CLI_SOURCE, cli_actor
    from backcare.cli.store_edge import store, store_errors
    from backcare.engine import default_knowledge
    from backcare.jobs.service import run_due
    from backcare.store.types import utcnow

    moment = parse_now(now, real_now=utcnow())
    with store_errors(), store() as engine:
        summary = run_due(
            engine,
            knowledge=default_knowledge(),
            today=moment.astimezone().date(),
            now=moment.astimezone(dt.UTC),
            actor=cli_actor(),
            source=CLI_SOURCE,
        )
    if as_json:
        typer.echo(summary.model_dump_json(indent=2))
        return
    for outcome in summary.outcomes:
        change = "plan changed" if outcome.changed else "no change"
        alerts = f", {outcome.alerts} alert(s)" if outcome.alerts else ""
        detail = f" ({change}{alerts})" if outcome.status == "done" else ""
        typer.echo(f"{outcome.patient_id}  week to {outcome.week_ending}: {outcome.status}{detail}")
    if not summary.outcomes:
        typer.echo("Nothing was due.")
        return
    typer.echo(
        f"{summary.count('done')} reviewed, {summary.count('failed')} failed, "
        f"{summary.count('skipped')} left to another worker or already done."
    )

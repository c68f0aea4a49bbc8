"""Tracking commands: the daily check-in and logging a session item."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Annotated, Any

import typer
from rich.console import Console

from backcare.cli.errors import fail

PatientArg = Annotated[str, typer.Argument(help="Patient id, or its first 4+ characters.")]
DateOption = Annotated[
    dt.datetime | None,
    typer.Option("--date", formats=["%Y-%m-%d"], help="Day, YYYY-MM-DD (default today)."),
]


def stdin_is_terminal() -> bool:
    """Whether a person can be asked questions (tests replace this)."""
    return sys.stdin.isatty()


def add_tracking_commands(app: typer.Typer) -> None:
    """Add ``checkin`` and ``log-session`` to the application."""
    app.command("checkin")(checkin)
    app.command("log-session")(log_session)


def checkin(
    patient: PatientArg,
    pain: Annotated[int | None, typer.Option(help="Pain right now, 0-10.")] = None,
    sessions: Annotated[int, typer.Option(help="Exercise sessions done today.")] = 0,
    minutes: Annotated[int, typer.Option(help="Minutes of exercise today.")] = 0,
    note: Annotated[str, typer.Option(help="Anything else to record.")] = "",
    warning: Annotated[
        list[str] | None, typer.Option(help="A new warning symptom code; repeat for each.")
    ] = None,
    flare_up: Annotated[bool, typer.Option("--flare-up", help="You are in a flare-up.")] = False,
    day: DateOption = None,
) -> None:
    """Record a daily check-in, by flags or (without --pain, at a terminal) by questions.

    The check-in is reviewed at once: a new warning sign re-checks the triage and may replace
    the plan by the safety plan; a flare-up switches to a few days of relief.
    """
    from backcare.adaptation.service import check_in
    from backcare.audit.schemas import AuditAction
    from backcare.cli.audit_trail import audit_cli
    from backcare.cli.store_edge import resolve_patient, store, store_errors
    from backcare.engine import default_knowledge
    from backcare.jobs.service import review_completed_week
    from backcare.store.db import unit_of_work
    from backcare.store.types import utcnow
    from backcare.tracking.schemas import CheckInCreate

    answers = _checkin_answers(pain, sessions, minutes, note, warning or [], flare_up)
    with store_errors():
        data = CheckInCreate.model_validate({"date": _day(day), **answers})
        knowledge = default_knowledge()
        today = dt.date.today()
        with store() as engine, unit_of_work(engine) as session:
            patient_id = resolve_patient(session, patient)
            row, report = check_in(
                session,
                patient_id=patient_id,
                data=data,
                knowledge=knowledge,
                today=today,
            )
            audit_cli(session, AuditAction.record_write, patient_id=patient_id, detail="check-in")
            # The week this check-in completes is reviewed now, once (backcare.jobs.service).
            weekly = review_completed_week(
                session,
                patient_id=patient_id,
                checked_in=row.date,
                knowledge=knowledge,
                today=today,
                now=utcnow(),
            )
    from backcare.tracking.checkin_words import saved_words

    if row.replaced:
        typer.echo(f"{saved_words(row, today)} (Check-in {row.id}, pain {row.pain_now}/10.)")
    else:
        typer.echo(f"Check-in {row.id} saved for {row.date.isoformat()} (pain {row.pain_now}/10).")
    if report is not None:
        from backcare.cli.review_view import show_report

        show_report(report, Console(soft_wrap=False), quiet=True)
    elif row.warnings:
        _no_plan_warning([code.value for code in row.warnings])
    if weekly is not None:
        from backcare.cli.review_view import show_report

        typer.echo("This check-in completed a week: the week was reviewed.")
        show_report(weekly, Console(soft_wrap=False))


def _no_plan_warning(codes: list[str]) -> None:
    """Without an assessment there is nothing to re-triage against: say what to do instead."""
    typer.echo(
        "You reported a new warning symptom: "
        + ", ".join(code.replace("_", " ") for code in codes)
        + ". Backcare has no assessment for you yet, so it cannot check it against your "
        "answers: contact a doctor about it today; if it is sudden or severe, get emergency "
        "help. Then run `backcare assess --patient` to get a plan.",
        err=True,
    )


def _checkin_answers(
    pain: int | None, sessions: int, minutes: int, note: str, warnings: list[str], flare: bool
) -> dict[str, Any]:
    """The answers from flags, or from questions when --pain is missing at a terminal."""
    if pain is not None:
        return {
            "pain_now": pain,
            "sessions_done": sessions,
            "minutes": minutes,
            "notes": note,
            "warnings": warnings,
            "flare_up": flare,
        }
    if not stdin_is_terminal():
        fail("pain_now: give --pain with a number from 0 to 10 (there is no terminal to ask).")
    from backcare.cli.checkin_prompt import ask_checkin

    return ask_checkin(Console())


def log_session(
    patient: PatientArg,
    item: Annotated[str, typer.Option(help="Plan item id, as shown in the plan.")],
    seconds: Annotated[int, typer.Option(help="How long it took, in seconds.")],
    felt: Annotated[int, typer.Option(help="How it felt, 0 (very bad) to 10 (very good).")],
    stopped_early: Annotated[bool, typer.Option("--stopped-early", help="Stopped early.")] = False,
    reason: Annotated[str | None, typer.Option(help="Why it was stopped early.")] = None,
    day: DateOption = None,
) -> None:
    """Log one plan item done in a session."""
    from backcare.audit.schemas import AuditAction
    from backcare.cli.audit_trail import audit_cli
    from backcare.cli.store_edge import resolve_patient, store, store_errors
    from backcare.store.db import unit_of_work
    from backcare.tracking.schemas import SessionLogCreate
    from backcare.tracking.service import record_session

    with store_errors():
        data = SessionLogCreate(
            date=_day(day),
            item_id=item,
            duration_seconds=seconds,
            felt=felt,
            stopped_early=stopped_early,
            stop_reason=reason,
        )
        with store() as engine, unit_of_work(engine) as session:
            patient_id = resolve_patient(session, patient)
            row = record_session(session, patient_id=patient_id, data=data)
            audit_cli(
                session, AuditAction.record_write, patient_id=patient_id, detail="session log"
            )
    typer.echo(f"Session log {row.id} saved: {row.item_id}, {row.duration_seconds} s.")


def _day(value: dt.datetime | None) -> dt.date:
    """The given day, or today in the person's own time zone."""
    return dt.date.today() if value is None else value.date()

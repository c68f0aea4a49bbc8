"""``backcare clinic add|add-clinician|list``: clinics and the clinicians who work in them."""

from __future__ import annotations

from typing import Annotated

import typer

from backcare.access.policy import Action

ClinicName = Annotated[str, typer.Argument(help="The clinic's name.")]
Clinician = Annotated[str, typer.Argument(help="The clinician's account name.")]


def register(app: typer.Typer) -> None:
    """Add ``clinic`` to the ``backcare`` application."""
    clinic_app = typer.Typer(help="Clinics: create them and add clinicians to them.")
    clinic_app.command("add")(clinic_add)
    clinic_app.command("add-clinician")(clinic_add_clinician)
    clinic_app.command("list")(clinic_list)
    app.add_typer(clinic_app, name="clinic")


def clinic_add(name: ClinicName) -> None:
    """Create a clinic."""
    from backcare.access.actors import operator
    from backcare.access.trail import CLI_SOURCE
    from backcare.cli.operator import operator_session
    from backcare.cli.store_edge import store_errors
    from backcare.team import clinics
    from backcare.team.schemas import ClinicCreate

    with store_errors(), operator_session(Action.MANAGE_CLINICS) as (session, _settings, now):
        made = clinics.create_clinic(
            session,
            data=ClinicCreate(name=name),
            by=operator(),
            source=CLI_SOURCE,
            now=now,
        )
    typer.echo(f"Clinic {made.name!r} created.")


def clinic_add_clinician(clinic: ClinicName, clinician: Clinician) -> None:
    """Add a clinician to a clinic."""
    from backcare.access.actors import operator
    from backcare.access.trail import CLI_SOURCE
    from backcare.cli.operator import operator_session
    from backcare.cli.store_edge import store_errors
    from backcare.team import clinics

    with store_errors(), operator_session(Action.MANAGE_CLINICS) as (session, _settings, now):
        found = clinics.add_clinician(
            session, clinic=clinic, clinician=clinician, by=operator(), source=CLI_SOURCE, now=now
        )
    typer.echo(f"{found.name}: {', '.join(found.clinicians)}.")


def clinic_list() -> None:
    """Every clinic and its clinicians."""
    from backcare.cli.operator import operator_session
    from backcare.cli.store_edge import store_errors
    from backcare.team import clinics

    with store_errors(), operator_session(Action.MANAGE_CLINICS) as (session, _settings, _now):
        found = clinics.list_clinics(session)
    if not found:
        typer.echo("No clinics yet.")
    for clinic in found:
        members = ", ".join(clinic.clinicians) or "no clinicians yet"
        typer.echo(f"{clinic.name}: {members}")

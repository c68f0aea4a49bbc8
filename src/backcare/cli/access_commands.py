"""``backcare access grant|revoke``: care access of a clinician to a person's record.

The command line records a consent the person gave (``--whole-record`` when it covers exports
too); people also invite clinicians themselves from their care team page (backcare.team).
"""

from __future__ import annotations

from typing import Annotated

import typer

Clinician = Annotated[str, typer.Argument(help="The clinician's account name.")]
PatientArg = Annotated[str, typer.Argument(help="Patient id, or its first 4+ characters.")]


def register(app: typer.Typer) -> None:
    """Add ``access`` to the ``backcare`` application."""
    access_app = typer.Typer(help="Care access: which clinician may reach which record.")
    access_app.command("grant")(grant)
    access_app.command("revoke")(revoke)
    app.add_typer(access_app, name="access")


def grant(
    clinician: Clinician,
    patient: PatientArg,
    whole_record: Annotated[
        bool,
        typer.Option(
            "--whole-record/--care-only",
            help="The person consented to the whole record: the clinician may export it too "
            "(JSON, FHIR, CSV, PDF). Without it, reading and adding for their care only.",
        ),
    ] = False,
) -> None:
    """Let the clinician reach the person's record (as the person consented)."""
    from backcare.access import grants
    from backcare.access.actors import operator
    from backcare.access.trail import CLI_SOURCE
    from backcare.cli.operator import operator_session, resolve_patient

    with operator_session() as (session, _settings, now):
        patient_id = resolve_patient(session, patient)
        made = grants.grant(
            session,
            clinician=clinician,
            patient_id=patient_id,
            by=operator(),
            source=CLI_SOURCE,
            now=now,
            whole_record=whole_record,
        )
    reach = "the whole record (exports too)" if whole_record else "record"
    typer.echo(
        f"{clinician} may now reach {reach} {patient_id}."
        if made
        else f"{clinician} could already reach {reach} {patient_id}."
    )


def revoke(clinician: Clinician, patient: PatientArg) -> None:
    """Close the clinician's access to the person's record."""
    from backcare.access import grants
    from backcare.access.actors import operator
    from backcare.access.trail import CLI_SOURCE
    from backcare.cli.operator import operator_session, resolve_patient

    with operator_session() as (session, _settings, now):
        patient_id = resolve_patient(session, patient)
        ended = grants.revoke(
            session,
            clinician=clinician,
            patient_id=patient_id,
            by=operator(),
            source=CLI_SOURCE,
            now=now,
        )
    typer.echo(
        f"{clinician} can no longer reach record {patient_id}."
        if ended
        else f"{clinician} had no access to record {patient_id}."
    )

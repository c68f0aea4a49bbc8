"""Accounts at the command line: ``backcare user``, ``backcare token``, ``backcare access``.

Whoever runs these can already read the database file, so the policy lets the operating-system
user do them (backcare.access.policy, Kind.OPERATOR); each is written to the audit log as that
user. No mail server is needed: a new account or a reset prints a one-time sign-in link.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from backcare.accounts.vocabulary import Profession, Role

DEFAULT_URL = "http://127.0.0.1:8000"
UrlOption = Annotated[
    str, typer.Option("--url", help="Where Backcare is served, for the printed link.")
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
Username = Annotated[str, typer.Argument(help="Account name.")]


def register(app: typer.Typer) -> None:
    """Add ``user``, ``token`` and ``access`` to the ``backcare`` application."""
    from backcare.cli import access_commands, clinic_commands, token_commands

    user_app = typer.Typer(help="Add, list and disable accounts; reset passwords.")
    user_app.command("add")(user_add)
    user_app.command("list")(user_list)
    user_app.command("disable")(user_disable)
    user_app.command("reset-password")(user_reset)
    app.add_typer(user_app, name="user")
    token_commands.register(app)
    access_commands.register(app)
    clinic_commands.register(app)


def user_add(
    username: Username,
    role: Annotated[Role, typer.Option(help="person, clinician or admin.")],
    profession: Annotated[Profession | None, typer.Option(help="A clinician's profession.")] = None,
    patient: Annotated[
        str | None, typer.Option(help="A person's existing record (id or 4+ characters).")
    ] = None,
    name: Annotated[str | None, typer.Option(help="A new person's name to show.")] = None,
    url: UrlOption = DEFAULT_URL,
) -> None:
    """Add an account and print its one-time sign-in link (a person gets a record of their own)."""
    from backcare.accounts import links
    from backcare.accounts.repository import account_by_name
    from backcare.accounts.schemas import AccountCreate
    from backcare.accounts.service import create_account
    from backcare.accounts.vocabulary import LinkPurpose
    from backcare.audit.schemas import AuditAction
    from backcare.cli.operator import audit, operator_session, resolve_patient

    with operator_session() as (session, settings, now):
        patient_id = resolve_patient(session, patient) if patient else None
        data = AccountCreate(
            username=username,
            role=role,
            profession=profession,
            patient_id=patient_id,
            display_name=name,
        )
        made = create_account(session, data=data)
        account = account_by_name(session, made.username)
        assert account is not None
        secret = links.issue_link(
            session,
            account=account,
            purpose=LinkPurpose.FIRST_SIGN_IN,
            now=now,
            hours=settings.sign_in_link_hours,
        )
        audit(session, AuditAction.account_create, f"account {made.username} ({role.value})")
    typer.echo(f"Added {made.username} ({role.value}).")
    typer.echo(f"Sign-in link (works once, for {settings.sign_in_link_hours} hours):")
    typer.echo(links.link_url(url, secret))


def user_list(as_json: JsonFlag = False) -> None:
    """List every account (never a password or a second-factor secret)."""
    from backcare.accounts.service import list_accounts
    from backcare.audit.schemas import AuditAction
    from backcare.cli.operator import audit, operator_session

    with operator_session() as (session, _settings, _now):
        accounts = list_accounts(session)
        audit(session, AuditAction.account_update, f"{len(accounts)} accounts listed")
    if as_json:
        typer.echo(json.dumps([a.model_dump(mode="json") for a in accounts], indent=2))
        return
    table = Table("name", "role", "profession", "record", "state")
    for a in accounts:
        state = "disabled" if a.disabled else ("active" if a.has_password else "no password yet")
        profession = a.profession.value if a.profession else ""
        table.add_row(a.username, a.role.value, profession, a.patient_id or "", state)
    Console(soft_wrap=False).print(table)


def user_disable(username: Username) -> None:
    """Stop an account signing in: its sessions end and its API tokens stop working at once."""
    from backcare.accounts.service import disable_account
    from backcare.audit.schemas import AuditAction
    from backcare.cli.operator import audit, operator_session

    with operator_session() as (session, _settings, now):
        account = disable_account(session, username=username, now=now)
        audit(session, AuditAction.account_disable, f"account {account.username} disabled")
    typer.echo(f"Disabled {account.username}: signed out everywhere, tokens revoked.")


def user_reset(username: Username, url: UrlOption = DEFAULT_URL) -> None:
    """Print a one-time link with which the account chooses a new password."""
    from backcare.accounts import links
    from backcare.accounts.service import require_account
    from backcare.accounts.vocabulary import LinkPurpose
    from backcare.audit.schemas import AuditAction
    from backcare.cli.operator import audit, operator_session

    with operator_session() as (session, settings, now):
        account = require_account(session, username=username)
        secret = links.issue_link(
            session,
            account=account,
            purpose=LinkPurpose.RESET,
            now=now,
            hours=settings.sign_in_link_hours,
        )
        audit(session, AuditAction.auth_password_reset, f"reset link for {account.username}")
    typer.echo(
        f"Sign-in link for {account.username} (works once, for "
        f"{settings.sign_in_link_hours} hours; the old password keeps working until used):"
    )
    typer.echo(links.link_url(url, secret))

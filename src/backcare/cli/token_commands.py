"""``backcare token create|list|revoke``: API tokens for an account."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from backcare.accounts.vocabulary import Scope

Username = Annotated[str, typer.Argument(help="The account the token acts as.")]


def register(app: typer.Typer) -> None:
    """Add ``token`` to the ``backcare`` application."""
    token_app = typer.Typer(help="API tokens: create, list, revoke.")
    token_app.command("create")(token_create)
    token_app.command("list")(token_list)
    token_app.command("revoke")(token_revoke)
    app.add_typer(token_app, name="token")


def token_create(
    username: Username,
    name: Annotated[str, typer.Option(help="What the token is for.")],
    scope: Annotated[Scope, typer.Option(help="read, or write (read and write).")] = Scope.READ,
    days: Annotated[int, typer.Option(help="Days until it expires (1-366).")] = 90,
) -> None:
    """Make an API token for the account and print it (the only time it is shown)."""
    from backcare.accounts.schemas import TokenCreate
    from backcare.accounts.service import require_account
    from backcare.accounts.tokens import create_token
    from backcare.audit.schemas import AuditAction
    from backcare.cli.operator import audit, operator_session

    with operator_session() as (session, _settings, now):
        data = TokenCreate(name=name, scope=scope, days=days)
        account = require_account(session, username=username)
        created = create_token(session, account_id=account.id, data=data, now=now)
        audit(session, AuditAction.auth_token_created, f"token {created.details.id} for {username}")
    typer.echo(
        f"Token {created.details.id} ({scope.value}) for {account.username}, "
        f"until {created.details.expires_at:%Y-%m-%d}. It is shown only now:",
        err=True,
    )
    typer.echo(created.token)


def token_list(
    username: Username,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the account's tokens (never the tokens themselves)."""
    from backcare.accounts.service import require_account
    from backcare.accounts.tokens import list_tokens
    from backcare.audit.schemas import AuditAction
    from backcare.cli.operator import audit, operator_session

    with operator_session() as (session, _settings, _now):
        account = require_account(session, username=username)
        found = list_tokens(session, account_id=account.id)
        audit(session, AuditAction.account_update, f"tokens of {account.username} listed")
    if as_json:
        typer.echo(json.dumps([t.model_dump(mode="json") for t in found], indent=2))
        return
    table = Table("id", "name", "scope", "expires", "state")
    for t in found:
        state = "revoked" if t.revoked_at else "active"
        table.add_row(t.id, t.name, t.scope.value, f"{t.expires_at:%Y-%m-%d}", state)
    Console(soft_wrap=False).print(table)


def token_revoke(
    username: Username, token_id: Annotated[str, typer.Argument(help="The token's id.")]
) -> None:
    """Revoke one of the account's tokens at once."""
    from backcare.accounts.service import require_account
    from backcare.accounts.tokens import revoke_token
    from backcare.audit.schemas import AuditAction
    from backcare.cli.operator import audit, operator_session

    with operator_session() as (session, _settings, now):
        account = require_account(session, username=username)
        revoke_token(session, account_id=account.id, token_id=token_id, now=now)
        audit(session, AuditAction.auth_token_revoked, f"token {token_id} of {account.username}")
    typer.echo(f"Revoked token {token_id} of {account.username}.")

"""`backcare backup FILE` and `backcare restore FILE`: the whole database, for a laptop or a
clinic on SQLite; PostgreSQL gets the pg_dump / pg_restore commands to run.

Both are written to the audit log as the operating-system user: a backup once it is made, a
restore into the restored database, naming the last row of the log it replaced (a restore
brings back the backup's own log; lines written since the backup are gone, see SECURITY.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from backcare.cli.errors import check_out

YesOption = Annotated[bool, typer.Option("--yes", help="Replace what is there without asking.")]


def register(app: typer.Typer) -> None:
    """Add backup and restore to the ``backcare`` application."""
    app.command("backup")(backup_command)
    app.command("restore")(restore_command)


def backup_command(
    file: Annotated[Path, typer.Argument(help="Where to write the copy.")], yes: YesOption = False
) -> None:
    """Copy the database to FILE, consistently, even while `backcare serve` is running."""
    from backcare.audit.schemas import AuditAction
    from backcare.cli.audit_trail import audit_cli
    from backcare.cli.store_edge import settings_or_fail, store, store_errors
    from backcare.records.backup import backup
    from backcare.store.db import unit_of_work

    check_out(file)
    with store_errors():
        pages = backup(settings_or_fail().database_url, file, overwrite=yes)
        with store() as engine, unit_of_work(engine) as session:
            detail = f"backup of the whole database ({pages} pages)"
            audit_cli(session, AuditAction.database_backup, patient_id=None, detail=detail)
    typer.echo(f"Backed up the database to {file} ({pages} pages, integrity checked).")


def restore_command(
    file: Annotated[Path, typer.Argument(help="A backup made by `backcare backup`.")],
    yes: YesOption = False,
) -> None:
    """Replace the database with a backup, after checking the backup's integrity and version."""
    from backcare.audit.schemas import AuditAction
    from backcare.cli.audit_trail import audit_cli
    from backcare.cli.errors import fail
    from backcare.cli.store_edge import settings_or_fail, store, store_errors
    from backcare.records.backup import check_backup, patients_in, restore
    from backcare.store.db import unit_of_work
    from backcare.store.migrate import current_revision

    with store_errors():
        url = settings_or_fail().database_url
        check_backup(file)
        held = patients_in(url)
        if held and not yes:
            fail(
                f"restore: the database holds {held} patients; add --yes to replace them all "
                "with the backup (stop `backcare serve` first)."
            )
        replaced = _log_head(url)
        revision = restore(url, file)
        with store() as engine:  # brings an older backup up to this version's schema
            now = current_revision(engine)
            with unit_of_work(engine) as session:
                detail = f"restore from a backup; {replaced}"
                audit_cli(session, AuditAction.database_restore, patient_id=None, detail=detail)
    typer.echo(f"Restored {file} (schema revision {revision}, now {now}).")


def _log_head(database_url: str) -> str:
    """Words naming the last row of the audit log a restore is about to replace."""
    from sqlalchemy import inspect

    from backcare.audit.repository import read_head
    from backcare.settings import Settings
    from backcare.store.db import make_engine, read_only

    engine = make_engine(Settings(database_url=database_url))
    try:
        if not inspect(engine).has_table("audit_chain_head"):
            return "the database it replaced had no audit log"
        with read_only(engine) as session:
            seq, head = read_head(session)
    finally:
        engine.dispose()
    return f"the log it replaced ended at row {seq}, hash {head[:16]}"

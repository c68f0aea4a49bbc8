"""`backcare backup FILE` and `backcare restore FILE`: the whole database, for a laptop or a
clinic on SQLite; PostgreSQL gets the pg_dump / pg_restore commands to run."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from backcare.cli.records_commands import check_out

YesOption = Annotated[bool, typer.Option("--yes", help="Replace what is there without asking.")]


def register(app: typer.Typer) -> None:
    """Add backup and restore to the ``backcare`` application."""
    app.command("backup")(backup_command)
    app.command("restore")(restore_command)


def backup_command(
    file: Annotated[Path, typer.Argument(help="Where to write the copy.")], yes: YesOption = False
) -> None:
    """Copy the database to FILE, consistently, even while `backcare serve` is running."""
    from backcare.cli.store_edge import settings_or_fail, store_errors
    from backcare.records.backup import backup

    check_out(file)
    with store_errors():
        pages = backup(settings_or_fail().database_url, file, overwrite=yes)
    typer.echo(f"Backed up the database to {file} ({pages} pages, integrity checked).")


def restore_command(
    file: Annotated[Path, typer.Argument(help="A backup made by `backcare backup`.")],
    yes: YesOption = False,
) -> None:
    """Replace the database with a backup, after checking the backup's integrity and version."""
    from backcare.cli.errors import fail
    from backcare.cli.store_edge import settings_or_fail, store, store_errors
    from backcare.records.backup import check_backup, patients_in, restore
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
        revision = restore(url, file)
        with store() as engine:  # brings an older backup up to this version's schema
            now = current_revision(engine)
    typer.echo(f"Restored {file} (schema revision {revision}, now {now}).")

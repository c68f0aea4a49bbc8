"""Backup and restore of a SQLite database through SQLite's online backup API.

The backup API copies a consistent snapshot while other connections keep writing (in WAL
mode, writers are not blocked), so a backup can be taken while ``backcare serve`` runs. A
PostgreSQL database is backed up with its own tools (``pg_dump`` / ``pg_restore``); Backcare
says how rather than copy it itself.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy.engine import URL, make_url

from backcare.errors import InvalidInputError
from backcare.store.migrate import alembic_config

BUSY_TIMEOUT_S = 30.0


def sqlite_path(database_url: str, *, doing: str) -> Path:
    """The file of a SQLite database URL; PostgreSQL gets its own tools' command instead."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        raise InvalidInputError(_postgres_advice(url, doing))
    if url.database in (None, "", ":memory:"):
        raise InvalidInputError(f"{doing}: an in-memory database has no file to {doing}.")
    return Path(str(url.database))


def _postgres_advice(url: URL, doing: str) -> str:
    target = url.set(drivername="postgresql").render_as_string(hide_password=True)
    if doing == "backup":
        command = f"pg_dump --format=custom --file FILE '{target}'"
    else:
        command = f"pg_restore --clean --if-exists --dbname '{target}' FILE"
    return (
        f"{doing}: this database is PostgreSQL; use its own tools: {command} (see docs/records.md)."
    )


def backup(database_url: str, target: Path, *, overwrite: bool = False) -> int:
    """Copy the database to ``target`` (checked, then renamed into place); its page count."""
    source = sqlite_path(database_url, doing="backup")
    if not source.is_file():
        raise InvalidInputError(f"backup: there is no database at {source}.")
    if target.exists() and not overwrite:
        raise InvalidInputError(f"backup: {target} exists; add --yes to replace it.")
    temp = target.with_name(f".{target.name}.partial")
    try:
        with _connect(source) as src, _connect(temp) as dst:
            src.backup(dst)
            # One self-contained file: the copy must not need a -wal file beside it.
            dst.execute("PRAGMA journal_mode = DELETE")
            pages = int(dst.execute("PRAGMA page_count").fetchone()[0])
        _require_intact(temp, "backup")
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    return pages


def check_backup(source: Path) -> str:
    """Refuse a file that is not an intact Backcare database this version knows; its revision."""
    if not source.is_file():
        raise InvalidInputError(f"restore: no such file: {source}")
    _require_intact(source, "restore")
    with _connect(source, read_only=True) as conn:
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError as exc:
            raise InvalidInputError(f"restore: {source} is not a Backcare database.") from exc
    known = {
        script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()
    }
    if row is None or row[0] not in known:
        found = None if row is None else row[0]
        raise InvalidInputError(
            f"restore: {source} is at schema revision {found!r}, which this version of "
            "Backcare does not know (made by a newer Backcare?)."
        )
    return str(row[0])


def patients_in(database_url: str) -> int:
    """How many patients the configured database holds (0 when it does not exist yet)."""
    path = sqlite_path(database_url, doing="restore")
    if not path.is_file():
        return 0
    with _connect(path) as conn:
        try:
            return int(conn.execute("SELECT count(*) FROM patients").fetchone()[0])
        except sqlite3.DatabaseError:
            return 0


def restore(database_url: str, source: Path) -> str:
    """Replace the configured database's content with a checked backup; the backup's revision.

    The copy goes through the backup API into the live file, under SQLite's locks, so other
    connections never read a half-copied file. The caller migrates it afterwards.
    """
    revision = check_backup(source)
    target = sqlite_path(database_url, doing="restore")
    with _connect(source, read_only=True) as src, _connect(target) as dst:
        src.backup(dst)
    return revision


def _require_intact(path: Path, doing: str) -> None:
    try:
        with _connect(path, read_only=True) as conn:
            result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        raise InvalidInputError(f"{doing}: {path} is not a SQLite database ({exc}).") from exc
    if result != ["ok"]:
        raise InvalidInputError(f"{doing}: {path} failed SQLite's integrity check: {result[0]}")


class _connect:  # noqa: N801 - used like the function it wraps, in a with statement
    """A sqlite3 connection closed (not just committed) when the block ends."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        uri = path.resolve().as_uri() + ("?mode=ro" if read_only else "")
        self._conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)

    def __enter__(self) -> sqlite3.Connection:
        return self._conn

    def __exit__(self, *_exc: object) -> None:
        self._conn.close()

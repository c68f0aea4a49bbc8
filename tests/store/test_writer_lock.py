"""Writers in different processes queue on one kernel lock, not in SQLite's busy handler."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from backcare.patients.schemas import PatientCreate
from backcare.patients.service import create_patient
from backcare.settings import Settings
from backcare.store.db import make_engine, read_only, unit_of_work
from backcare.store.writer_lock import MAX_STREAK, ProcessWriteLock, lock_path
from tests.store.helpers import count_rows

WRITES_EACH = 30
# A writer process whose SQLite gives up at once when another process holds the write lock
# (busy_timeout 0): only the file lock can let two of them write at the same time.
IMPATIENT_WRITER = """
import sys, time
from sqlalchemy import event
from backcare.patients.schemas import PatientCreate
from backcare.patients.service import create_patient
from backcare.settings import Settings
from backcare.store.db import make_engine, unit_of_work

engine = make_engine(Settings(database_url=sys.argv[1]))
event.listen(engine, "connect", lambda conn, _record: conn.execute("PRAGMA busy_timeout = 0"))
print("ready", flush=True)
sys.stdin.readline()
for n in range(int(sys.argv[2])):
    with unit_of_work(engine) as session:
        create_patient(session, data=PatientCreate(display_name=f"Writer {n}"))
        time.sleep(0.005)  # hold the write lock a while, so the processes overlap
"""


def lock_is_free(database: Path) -> bool:
    """Whether another process could take the writers' lock now (a new descriptor is one)."""
    fd = os.open(lock_path(database), os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
    return True


def test_a_write_transaction_holds_the_lock_other_processes_wait_on(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    database = tmp_path / "backcare.db"
    with unit_of_work(sqlite_engine) as session:
        create_patient(session, data=PatientCreate(display_name="Writer"))
        assert not lock_is_free(database)
    assert lock_is_free(database)
    with read_only(sqlite_engine) as session:  # readers never take it
        assert session.execute(text("SELECT count(*) FROM patients")).scalar_one() == 1
        assert lock_is_free(database)


def add_then_fail(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        create_patient(session, data=PatientCreate(display_name="Rolled back"))
        raise ZeroDivisionError


def test_a_failed_transaction_gives_the_lock_back(sqlite_engine: Engine, tmp_path: Path) -> None:
    with pytest.raises(ZeroDivisionError):
        add_then_fail(sqlite_engine)
    assert lock_is_free(tmp_path / "backcare.db")


@pytest.mark.slow
def test_two_processes_write_together_without_sqlite_refusing_either(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'backcare.db'}"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", IMPATIENT_WRITER, url, str(WRITES_EACH)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for writer in writers:  # both have imported everything: start them together
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    results = [writer.communicate(timeout=120) for writer in writers]
    for writer, (_out, errors) in zip(writers, results, strict=True):
        assert writer.returncode == 0, errors
    assert count_rows(sqlite_engine, "patients") == 2 * WRITES_EACH


def test_an_in_memory_database_needs_no_lock_file(tmp_path: Path) -> None:
    engine = make_engine(Settings(database_url="sqlite://"))
    try:
        with unit_of_work(engine) as session:
            session.connection().exec_driver_sql("CREATE TABLE t (x)")
    finally:
        engine.dispose()
    assert list(tmp_path.iterdir()) == []


def test_a_process_keeps_the_lock_for_its_queued_writers_only_for_a_while(tmp_path: Path) -> None:
    lock = ProcessWriteLock(tmp_path / "backcare.db")
    lock.queue()  # another writer of this process waits for its turn
    lock.acquire()
    for _ in range(MAX_STREAK - 1):
        lock.release()
        assert not lock_is_free(tmp_path / "backcare.db")  # kept for the queued writer
        lock.acquire()
    lock.release()
    assert lock_is_free(tmp_path / "backcare.db")  # the streak is over: others' turn
    lock.unqueue()
    lock.acquire()
    lock.release()
    assert lock_is_free(tmp_path / "backcare.db")  # nobody queued: given back at once

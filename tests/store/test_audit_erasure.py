"""Erasing a person: one line says it happened; earlier rows keep no name or words of theirs."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

from backcare.audit.chain import AuditTamperedError
from backcare.audit.schemas import AuditAction, AuditActor, AuditRow
from backcare.audit.service import erase_patient_trail, list_events, record
from backcare.patients.schemas import PatientCreate
from backcare.patients.service import create_patient, delete_patient
from backcare.settings import Settings
from backcare.store.db import read_only, unit_of_work
from backcare.store.migrate import open_store
from tests.store.audit_support import AT, NURSE, OS_USER, check, disable_guards, raw
from tests.store.audit_support import event as access

ANN = "a" * 32
BO = "b" * 32
WORDS = "Zanzibar-kestrel"  # words of Ann's that must not outlive her record
ANN_ACCOUNT = AuditActor(actor_id="acc-ann", role="person", name="Ann Quixotic")


def seed(engine: Engine) -> None:
    """Rows about Ann (by a nurse and by Ann herself), a login of hers, and a row about Bo."""
    with unit_of_work(engine) as session:
        record(session, access(ANN, detail=f"break-glass: {WORDS}"), at=AT)
        record(session, access(ANN, actor=ANN_ACCOUNT, detail=WORDS), at=AT)
        login = access(None, actor=ANN_ACCOUNT, action=AuditAction.auth_login, detail=WORDS)
        record(session, login, at=AT)
        record(session, access(BO, detail="Bo's visit"), at=AT)


def erase_ann(session: Session, **kwargs: Any) -> int:
    return erase_patient_trail(
        session, patient_id=ANN, actor=OS_USER, source="cli", at=AT, **kwargs
    )


def rows(engine: Engine) -> list[AuditRow]:
    with read_only(engine) as session:
        return list_events(session, limit=100)[::-1]


def test_erasure_seals_the_persons_rows_and_adds_one_line(engine: Engine) -> None:
    seed(engine)
    with unit_of_work(engine) as session:
        sealed = erase_ann(session, account_ids=["acc-ann"])
    after = rows(engine)
    assert sealed == 3
    assert [(r.seq, r.detail, r.sealed) for r in after[:3]] == [(n, "", True) for n in (1, 2, 3)]
    assert (after[3].detail, after[3].sealed) == ("Bo's visit", False)
    last = after[-1]
    assert (last.action, last.patient_id, last.actor_name) == ("record.erase", ANN, "ops")
    assert "3 earlier audit details sealed" in last.detail
    assert check(engine).ok


def test_the_rows_keep_who_opened_the_record_and_when(engine: Engine) -> None:
    seed(engine)
    with unit_of_work(engine) as session:
        erase_ann(session)
    first = rows(engine)[0]
    assert (first.actor_id, first.actor_name, first.action, first.at) == (
        NURSE.actor_id, NURSE.name, "record.read", AT
    )  # fmt: skip


def test_a_persons_own_name_is_never_written(engine: Engine) -> None:
    seed(engine)
    assert [r.actor_name for r in rows(engine) if r.actor_role == "person"] == ["", ""]


def test_editing_a_sealed_row_is_still_detected(engine: Engine) -> None:
    seed(engine)
    with unit_of_work(engine) as session:
        erase_ann(session)
    disable_guards(engine)
    raw(engine, "UPDATE audit_log SET detail_seal = :seal WHERE seq = 1", seal="f" * 64)
    report = check(engine)
    assert (report.ok, report.first_bad_seq) == (False, 1)


def test_erasure_refuses_to_seal_a_row_that_was_edited(engine: Engine) -> None:
    seed(engine)
    disable_guards(engine)
    raw(engine, "UPDATE audit_log SET detail = 'forged' WHERE seq = 2")
    with pytest.raises(AuditTamperedError, match="row 2"), unit_of_work(engine) as session:
        erase_ann(session)
    assert [r.sealed for r in rows(engine)] == [False] * 4


def test_an_erased_persons_name_and_words_leave_the_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "backcare.db"
    engine = open_store(Settings(database_url=f"sqlite:///{path}"))
    # Set on every connection by the store's erasure hardening; set here so this test proves
    # what the audit log leaves behind, not what a freed page does.
    event.listen(engine, "connect", lambda conn, _record: conn.execute("PRAGMA secure_delete=ON"))
    try:
        with unit_of_work(engine) as session:
            ann = create_patient(session, data=PatientCreate(display_name="Ann Quixotic"))
            event_ = access(ann.id, actor=ANN_ACCOUNT, detail=WORDS)
            record(session, event_, at=AT)
        with unit_of_work(engine) as session:
            delete_patient(session, patient_id=ann.id)
            erase_patient_trail(session, patient_id=ann.id, actor=OS_USER, source="cli", at=AT)
    finally:
        engine.dispose()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("backcare.db*"))
    assert b"Quixotic" not in stored
    assert WORDS.encode() not in stored
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT action FROM audit_log ORDER BY seq").fetchall() == [
            ("record.read",),
            ("record.erase",),
        ]

"""Helpers for the audit log tests: events, appends, and an attacker's raw edits."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Engine, text

from backcare.audit.schemas import AuditAction, AuditActor, AuditEvent, ChainReport
from backcare.audit.service import record, verify
from backcare.store.db import read_only, unit_of_work

AT = dt.datetime(2024, 5, 1, 9, 30, 15, 123456, tzinfo=dt.UTC)
NURSE = AuditActor(actor_id="acc-nurse", role="clinician", name="Nurse Rita")
OS_USER = AuditActor(role="os_user", name="ops")


def event(
    patient_id: str | None = "a" * 32,
    *,
    actor: AuditActor = NURSE,
    action: AuditAction = AuditAction.record_read,
    detail: str = "",
) -> AuditEvent:
    """An allowed access from a fixed address."""
    return AuditEvent(
        actor=actor, action=action, patient_id=patient_id, source="192.0.2.7", detail=detail
    )


def append(engine: Engine, count: int, **kwargs: Any) -> None:
    """``count`` events, one transaction each, a second apart."""
    for n in range(count):
        with unit_of_work(engine) as session:
            record(session, event(**kwargs), at=AT + dt.timedelta(seconds=n))


def check(engine: Engine) -> ChainReport:
    """Verify the chain in a fresh read transaction."""
    with read_only(engine) as session:
        return verify(session)


def disable_guards(engine: Engine) -> None:
    """Remove the append-only triggers, as someone with direct access to the database could."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            for table in ("audit_log", "audit_chain_head"):
                conn.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))
            return
        for trigger in ("audit_log_no_delete", "audit_log_only_seal"):
            conn.execute(text(f"DROP TRIGGER {trigger}"))


def raw(engine: Engine, sql: str, **params: Any) -> None:
    """Run one statement outside Backcare's services."""
    with engine.begin() as conn:
        conn.execute(text(sql), params)

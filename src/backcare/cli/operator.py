"""The edge of the account commands: the operating-system user as the actor, one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from backcare.access import trail
from backcare.access.actors import operator
from backcare.access.policy import Action, Outcome, decide
from backcare.audit.schemas import AuditAction
from backcare.cli.errors import fail
from backcare.cli.store_edge import resolve_patient as resolve
from backcare.cli.store_edge import store, store_errors
from backcare.settings import Settings
from backcare.store.db import unit_of_work
from backcare.store.types import utcnow


@contextmanager
def operator_session(
    action: Action = Action.MANAGE_ACCOUNTS,
) -> Iterator[tuple[Session, Settings, dt.datetime]]:
    """One transaction for a command the policy lets the operating-system user run."""
    if decide(operator(), action) is not Outcome.ALLOWED:
        fail(f"{action.value}: not allowed from the command line.")
    with store_errors(), store() as engine, unit_of_work(engine) as session:
        yield session, Settings(), utcnow()


def audit(
    session: Session, action: AuditAction, detail: str, *, patient_id: str | None = None
) -> None:
    """Write what the command did to the audit log, as the operating-system user."""
    trail.write(
        session,
        actor=operator(),
        action=action,
        patient_id=patient_id,
        source=trail.CLI_SOURCE,
        now=utcnow(),
        detail=detail,
    )


def resolve_patient(session: Session, text: str) -> str:
    """The full patient id for what was typed (an id or a unique prefix)."""
    return resolve(session, text)

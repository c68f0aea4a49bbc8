"""How CLI commands write to the audit log: as the operating-system user, from ``cli``."""

from __future__ import annotations

import getpass

from sqlalchemy.orm import Session

from backcare.audit.schemas import AuditAction, AuditActor, AuditEvent
from backcare.audit.service import record
from backcare.store.types import utcnow

CLI_SOURCE = "cli"
_UNKNOWN_USER = "unknown"


def cli_actor() -> AuditActor:
    """The operating-system user running this command, as the audit log names them."""
    try:
        name = getpass.getuser()
    except (OSError, KeyError):  # no login name and no passwd entry (some containers)
        name = _UNKNOWN_USER
    return AuditActor(actor_id=None, role="os_user", name=name[:200])


def audit_cli(
    session: Session, action: AuditAction, *, patient_id: str | None, detail: str = ""
) -> None:
    """Record what this command did, in its transaction (call it last, just before commit)."""
    event = AuditEvent(
        actor=cli_actor(), action=action, patient_id=patient_id, source=CLI_SOURCE, detail=detail
    )
    record(session, event, at=utcnow())

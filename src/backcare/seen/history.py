"""History-only red flags a doctor has assessed: read them for triage, and record new ones.

The rules are in domain.history_flags; this module keeps them (table ``assessed_history_flags``)
so that every later triage of the person's answers, at "I have been seen" and at a new
assessment, weighs them the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy.orm import Session

from backcare.domain.history_flags import AssessedFlag
from backcare.seen import repository
from backcare.seen.models import AssessedHistoryFlag
from backcare.seen.vocabulary import Confirmer


def assessed_of(session: Session, *, patient_id: str) -> list[AssessedFlag]:
    """The person's assessed history flags, the latest of each rule."""
    latest: dict[str, AssessedFlag] = {}
    for row in repository.assessed_flags(session, patient_id):
        latest[row.rule_id] = AssessedFlag(
            rule_id=row.rule_id,
            snapshot=row.snapshot,
            assessed_on=row.assessed_on,
            recorded_by=row.recorded_by,
        )
    return list(latest.values())


def record(
    session: Session,
    *,
    patient_id: str,
    flags: Sequence[AssessedFlag],
    confirmed_by: Confirmer,
    now: dt.datetime,
    report_id: int | None,
) -> None:
    """Keep each newly assessed flag, with who confirmed it and the report it came with."""
    for flag in flags:
        repository.add(
            session,
            AssessedHistoryFlag(
                patient_id=patient_id,
                rule_id=flag.rule_id,
                snapshot=dict(flag.snapshot),
                assessed_on=flag.assessed_on,
                confirmed_by=confirmed_by.value,
                recorded_by=flag.recorded_by,
                recorded_at=now,
                seen_report_id=report_id,
            ),
        )

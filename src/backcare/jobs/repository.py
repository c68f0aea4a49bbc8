"""All SQL of the job runner: which people are due a review, leases, and the runs kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from backcare.adaptation.record import AUTHORS
from backcare.assessments.models import PlanVersion
from backcare.jobs.models import JobLease, ReviewRun


@dataclass(frozen=True, slots=True)
class ReviewClock:
    """What decides when a person's next weekly review falls: their plan's start and reviews."""

    patient_id: str
    plan_started: dt.datetime
    last_run: dt.date | None
    last_weekly_change: dt.date | None


def review_clocks(session: Session, *, patient_id: str | None = None) -> Sequence[ReviewClock]:
    """Every person with a plan (or only ``patient_id``), with the days their weekly reviews
    count from."""
    runs = (
        select(func.max(ReviewRun.week_ending))
        .where(ReviewRun.patient_id == PlanVersion.patient_id)
        .scalar_subquery()
    )
    query = select(PlanVersion.patient_id, func.min(PlanVersion.created_at), runs)
    # A weekly review run by hand that changed the plan restarts the week as well.
    weekly_changes = select(PlanVersion.patient_id, func.max(PlanVersion.reviewed_on))
    weekly_changes = weekly_changes.where(PlanVersion.created_by == AUTHORS["weekly"])
    if patient_id is not None:
        query = query.where(PlanVersion.patient_id == patient_id)
        weekly_changes = weekly_changes.where(PlanVersion.patient_id == patient_id)
    rows = session.execute(query.group_by(PlanVersion.patient_id)).all()
    found = session.execute(weekly_changes.group_by(PlanVersion.patient_id)).all()
    changes: dict[str, dt.date | None] = {row[0]: row[1] for row in found}
    return [
        ReviewClock(
            patient_id=patient_id,
            plan_started=started,
            last_run=last_run,
            last_weekly_change=changes.get(patient_id),
        )
        for patient_id, started, last_run in rows
    ]


def review_clock(session: Session, *, patient_id: str) -> ReviewClock | None:
    """One person's review clock, or None before their first plan."""
    clocks = review_clocks(session, patient_id=patient_id)
    return clocks[0] if clocks else None


def claim_lease(
    session: Session, *, name: str, holder: str, now: dt.datetime, until: dt.datetime
) -> bool:
    """Take the lease ``name`` for ``holder`` when nobody holds it or its holder's time is up.

    One statement, atomic on both databases: an insert that, on a conflict, takes the row over
    only if it has expired. On PostgreSQL a second worker's insert waits for the first's
    transaction and then sees its row; on SQLite writers already run one at a time (the
    cross-process writer lock, backcare.store.writer_lock).
    """
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    table = JobLease.__table__
    statement = dialect.insert(table).values(name=name, holder=holder, expires_at=until)
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.name],
        set_={"holder": holder, "expires_at": until},
        where=table.c.expires_at <= now,
    ).returning(table.c.holder)
    return session.execute(statement).first() is not None


def release_lease(session: Session, *, name: str, holder: str) -> None:
    """Give the lease back (only if it is still this holder's)."""
    session.execute(delete(JobLease).where(JobLease.name == name, JobLease.holder == holder))


def has_run(session: Session, *, patient_id: str, week_ending: dt.date) -> bool:
    """Whether the review of this person's week has been run (or tried) already."""
    query = select(ReviewRun.id).where(
        ReviewRun.patient_id == patient_id, ReviewRun.week_ending == week_ending
    )
    return session.execute(query).first() is not None


def add_run(session: Session, run: ReviewRun) -> ReviewRun:
    """Keep one run."""
    session.add(run)
    session.flush()
    return run


def latest_run(session: Session, *, patient_id: str) -> ReviewRun | None:
    """The person's most recent review run that finished."""
    query = (
        select(ReviewRun)
        .where(ReviewRun.patient_id == patient_id, ReviewRun.status == "done")
        .order_by(ReviewRun.week_ending.desc())
        .limit(1)
    )
    return session.scalars(query).one_or_none()


def runs_of(session: Session, *, patient_id: str) -> Sequence[ReviewRun]:
    """Every run of one person, oldest first (their export)."""
    query = select(ReviewRun).where(ReviewRun.patient_id == patient_id)
    return session.scalars(query.order_by(ReviewRun.week_ending, ReviewRun.id)).all()

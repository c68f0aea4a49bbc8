"""The job runner: run every weekly review that is due, once, whichever worker gets there first.

Each due review is leased (backcare.jobs.repository.claim_lease) in a short transaction of its
own, then run in a second one that also keeps the run and gives the lease back, so either all
of it is committed or none. A worker that dies mid-review leaves its lease until it expires;
the next pass of any worker then takes it over. The unique (person, week) row is the last
guard: a review a slow worker committed after its lease ran out is never run again.

The review is ``backcare.adaptation.service.review_patient``, the very function behind
``backcare review`` and the API: a week with a warning sign raises the alert and switches to
the safety plan exactly as a review run by hand does.

The check-in that completes a week runs that week's review too (``review_completed_week``),
so a person whose server runs no scheduler still has their week reviewed. It takes the same
lease and keeps the same run, inside the check-in's transaction behind a savepoint: the
check-in, the review and its run are committed together, and a review that cannot run (a
worker holds the lease, or it refuses) leaves the check-in stored and the week to the job.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backcare.adaptation.schemas import ReviewReport
from backcare.adaptation.service import review_patient
from backcare.audit.schemas import AuditAction, AuditActor, AuditEvent
from backcare.audit.service import record
from backcare.errors import BackcareError, NotFoundError
from backcare.jobs import repository
from backcare.jobs.models import ReviewRun
from backcare.jobs.schedule import week_due
from backcare.jobs.schemas import RunOutcome, RunSummary
from backcare.knowledge.loader import Knowledge
from backcare.store.db import read_only, unit_of_work

LEASE_TIME = dt.timedelta(minutes=5)
"""How long a worker may hold a review before another takes it over: a review takes well
under a second, so reaching this means the worker died or hung."""
SCHEDULER = AuditActor(role="system", name="scheduler")
AUDIT_SOURCE = "scheduler"
ON_CHECK_IN = AuditActor(role="system", name="weekly review on check-in")
CHECK_IN_SOURCE = "checkin"
SUMMARY_MAX = 4000
_log = logging.getLogger(__name__)


def worker_name() -> str:
    """This process and thread, as a lease holder and in the runs it keeps."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{threading.get_ident() % 100_000}"


def lease_name(patient_id: str, week_ending: dt.date) -> str:
    """The lease of one person's weekly review."""
    return f"weekly-review:{patient_id}:{week_ending.isoformat()}"


def due_reviews(engine: Engine, *, today: dt.date) -> list[tuple[str, dt.date]]:
    """Each person due a weekly review on ``today``, with the last day of that week."""
    with read_only(engine) as session:
        clocks = repository.review_clocks(session)
    due = [(clock.patient_id, week_due(clock, today)) for clock in clocks]
    return [(patient_id, week) for patient_id, week in due if week is not None]


def run_due(
    engine: Engine,
    *,
    knowledge: Knowledge,
    today: dt.date,
    now: dt.datetime,
    worker: str | None = None,
    lease_time: dt.timedelta = LEASE_TIME,
    actor: AuditActor = SCHEDULER,
    source: str = AUDIT_SOURCE,
) -> RunSummary:
    """Run every weekly review due on ``today``; running it again does nothing.

    ``actor`` and ``source`` name who ran it in the audit log: the scheduler of ``serve``, or
    the operating-system user of ``backcare jobs run-due``.
    """
    run = _Pass(engine, knowledge, worker or worker_name(), now, lease_time, actor, source)
    outcomes = [run.one(patient_id, week) for patient_id, week in due_reviews(engine, today=today)]
    return RunSummary(worker=run.holder, today=today, outcomes=outcomes)


@dataclass(frozen=True, slots=True)
class _Pass:
    """One pass of one worker: who holds the leases, the time, and who the audit names."""

    engine: Engine
    knowledge: Knowledge
    holder: str
    now: dt.datetime
    lease_time: dt.timedelta
    actor: AuditActor
    source: str

    def one(self, patient_id: str, week: dt.date) -> RunOutcome:
        """Lease, run and keep one person's weekly review; skipped when someone else has it."""
        skipped = RunOutcome(patient_id=patient_id, week_ending=week, status="skipped")
        name = lease_name(patient_id, week)
        with unit_of_work(self.engine) as session:
            until = self.now + self.lease_time
            if not repository.claim_lease(
                session, name=name, holder=self.holder, now=self.now, until=until
            ):
                return skipped
        try:
            return self._review(patient_id, week, name) or skipped
        except IntegrityError:
            # Another worker committed this week after our lease had run out: it is done.
            return skipped
        except NotFoundError:
            # Erased since the list was read: nothing to review; the lease is given back.
            self._release(name)
            return skipped
        except BackcareError as error:
            # The review refused: kept as failed, so it is not tried again every few
            # minutes; the next week is reviewed as usual.
            _log.warning("weekly review of %s for %s failed: %s", patient_id, week, error)
            return self._fail(patient_id, week, name)

    def _review(self, patient_id: str, week: dt.date, name: str) -> RunOutcome | None:
        with unit_of_work(self.engine) as session:
            if repository.has_run(session, patient_id=patient_id, week_ending=week):
                repository.release_lease(session, name=name, holder=self.holder)
                return None
            report = _review_and_keep(
                session,
                patient_id=patient_id,
                week=week,
                knowledge=self.knowledge,
                holder=self.holder,
                now=self.now,
                audit=(self.actor, self.source),
            )
        return RunOutcome(
            patient_id=patient_id,
            week_ending=week,
            status="done",
            changed=report.changed,
            alerts=_alerts(report),
        )

    def _fail(self, patient_id: str, week: dt.date, name: str) -> RunOutcome:
        with unit_of_work(self.engine) as session:
            failed = ReviewRun(
                patient_id=patient_id,
                week_ending=week,
                status="failed",
                summary="",
                plan_version=None,
                worker=self.holder,
                finished_at=self.now,
            )
            repository.add_run(session, failed)
            repository.release_lease(session, name=name, holder=self.holder)
            self._audit(session, patient_id, f"weekly review of the week to {week} failed")
        return RunOutcome(patient_id=patient_id, week_ending=week, status="failed")

    def _release(self, name: str) -> None:
        with unit_of_work(self.engine) as session:
            repository.release_lease(session, name=name, holder=self.holder)

    def _audit(self, session: Session, patient_id: str, detail: str) -> None:
        _audit(session, patient_id, detail, actor=self.actor, source=self.source, now=self.now)


def review_completed_week(
    session: Session,
    *,
    patient_id: str,
    checked_in: dt.date,
    knowledge: Knowledge,
    today: dt.date,
    now: dt.datetime,
    worker: str | None = None,
    lease_time: dt.timedelta = LEASE_TIME,
) -> ReviewReport | None:
    """The weekly review of the week a check-in for ``checked_in`` just completed, in the
    check-in's transaction.

    None when no week is due, the check-in is for a day before the week's last (a day filled
    in later completes no week), the week was reviewed already, a worker holds its lease now
    (it will keep the run), or the review refused (the job will try, and keep it as failed).
    """
    clock = repository.review_clock(session, patient_id=patient_id)
    week = None if clock is None else week_due(clock, today)
    if week is None or checked_in < week:
        return None
    if repository.has_run(session, patient_id=patient_id, week_ending=week):
        return None
    holder = worker or worker_name()
    name = lease_name(patient_id, week)
    savepoint = session.begin_nested()
    try:
        if not repository.claim_lease(
            session, name=name, holder=holder, now=now, until=now + lease_time
        ):
            savepoint.rollback()
            return None
        report = _review_and_keep(
            session,
            patient_id=patient_id,
            week=week,
            knowledge=knowledge,
            holder=holder,
            now=now,
            audit=(ON_CHECK_IN, CHECK_IN_SOURCE),
        )
    except IntegrityError:
        # A worker committed this week's run in the meantime: it is reviewed.
        savepoint.rollback()
        return None
    except BackcareError as error:
        savepoint.rollback()
        _log.warning("weekly review of %s for %s on check-in failed: %s", patient_id, week, error)
        return None
    savepoint.commit()
    return report


def _review_and_keep(
    session: Session,
    *,
    patient_id: str,
    week: dt.date,
    knowledge: Knowledge,
    holder: str,
    now: dt.datetime,
    audit: tuple[AuditActor, str],
) -> ReviewReport:
    """Review the week, keep its run, give the lease back and log it, in ``session``."""
    report = review_patient(session, patient_id=patient_id, knowledge=knowledge, today=week)
    run = ReviewRun(
        patient_id=patient_id,
        week_ending=week,
        status="done",
        summary=summary_of(report)[:SUMMARY_MAX],
        plan_version=report.plan_version,
        changed=report.changed,
        alerts=_alerts(report),
        worker=holder,
        finished_at=now,
    )
    repository.add_run(session, run)
    repository.release_lease(session, name=lease_name(patient_id, week), holder=holder)
    actor, source = audit
    detail = f"weekly review of the week to {week}"
    _audit(session, patient_id, detail, actor=actor, source=source, now=now)
    return report


def _alerts(report: ReviewReport) -> int:
    return sum(len(review.alerts) for review in report.reviews)


def _audit(
    session: Session,
    patient_id: str,
    detail: str,
    *,
    actor: AuditActor,
    source: str,
    now: dt.datetime,
) -> None:
    event = AuditEvent(
        actor=actor,
        action=AuditAction.record_write,
        patient_id=patient_id,
        source=source,
        detail=detail,
    )
    record(session, event, at=now)


def summary_of(report: ReviewReport) -> str:
    """What the reviews said, in the order they ran, as the person reads it."""
    return "\n\n".join(review.explanation for review in report.reviews if review.explanation)

"""The check-in that completes a week reviews it at once: the same review and run as the job's,
once per week whichever comes first, and never at the cost of the check-in."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import Engine, func, select

from backcare.adaptation.schemas import ReviewReport
from backcare.adaptation.service import review_patient
from backcare.audit.service import list_events
from backcare.errors import InvalidInputError
from backcare.jobs import service as jobs
from backcare.jobs.models import JobLease
from backcare.jobs.service import lease_name, run_due
from backcare.knowledge.loader import Knowledge
from backcare.settings import Settings
from backcare.store.db import make_engine, read_only, unit_of_work
from backcare.tracking.schemas import CheckInCreate
from backcare.web.checkins import checkin_outcome
from backcare.web.schemas import CheckInOutcome
from tests.jobs.test_review_runs import runs
from tests.store.adapt_support import assessed_patient, at, day, import_days, versions


def check_in_on(
    engine: Engine,
    knowledge: Knowledge,
    patient_id: str,
    n: int,
    *,
    pain: int = 3,
    made_on: int | None = None,
) -> CheckInOutcome:
    """A check-in for day ``n`` made on day ``made_on`` (``n``), through the web's check-in."""
    data = CheckInCreate(date=day(n), pain_now=pain, sessions_done=1, minutes=20)
    with unit_of_work(engine) as session:
        return checkin_outcome(
            session,
            patient_id=patient_id,
            data=data,
            knowledge=knowledge,
            today=day(n if made_on is None else made_on),
            now=at(day(n if made_on is None else made_on)),
        )


def checkins(engine: Engine, patient_id: str) -> int:
    from backcare.tracking.models import CheckIn

    with read_only(engine) as session:
        query = select(func.count()).select_from(CheckIn).where(CheckIn.patient_id == patient_id)
        return int(session.scalar(query) or 0)


def test_the_check_in_that_completes_a_week_reviews_it_once(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    import_days(engine, patient_id, 0, [5, 5, 4, 4, 4])
    assert check_in_on(engine, knowledge, patient_id, 6).weekly_review is None
    # A day filled in on day 7 does not complete the week: the check-in for day 7 does.
    assert check_in_on(engine, knowledge, patient_id, 5, made_on=7).weekly_review is None
    completed = check_in_on(engine, knowledge, patient_id, 7).weekly_review
    assert isinstance(completed, ReviewReport)
    (kept,) = runs(engine, patient_id)
    assert (kept.week_ending, kept.status) == (day(7), "done")
    assert kept.summary == jobs.summary_of(completed)
    # A second check-in that day (it replaces the first) and the job find the week reviewed.
    assert check_in_on(engine, knowledge, patient_id, 7, pain=2).weekly_review is None
    assert run_due(engine, knowledge=knowledge, today=day(7), now=at(day(7))).outcomes == []
    assert len(runs(engine, patient_id)) == 1
    with read_only(engine) as session:
        events = list_events(session, patient_id=patient_id, limit=50, offset=0)
    named = [(e.actor_name, e.source) for e in events if e.actor_role == "system"]
    assert named == [("weekly review on check-in", "checkin")]


def test_after_the_job_reviewed_the_week_the_check_in_does_not_review_it_again(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    import_days(engine, patient_id, 0, [5, 5, 4, 4, 4, 3])
    (outcome,) = run_due(engine, knowledge=knowledge, today=day(7), now=at(day(7))).outcomes
    assert outcome.status == "done"
    plans = len(versions(engine, patient_id))
    assert check_in_on(engine, knowledge, patient_id, 7).weekly_review is None
    assert [r.week_ending for r in runs(engine, patient_id)] == [day(7)]
    assert len(versions(engine, patient_id)) == plans
    # The next week is the check-in's again.
    assert check_in_on(engine, knowledge, patient_id, 14).weekly_review is not None
    assert [r.week_ending for r in runs(engine, patient_id)] == [day(7), day(14)]


def test_the_review_on_check_in_is_the_jobs_review_and_says_the_same(
    engine: Engine, knowledge: Knowledge
) -> None:
    on_check_in = assessed_patient(engine, knowledge)
    by_job = assessed_patient(engine, knowledge)
    for patient_id in (on_check_in, by_job):
        import_days(engine, patient_id, 0, [5] * 7 + [2] * 7)
    # Week 1 by the job for both; week 2 by on_check_in's check-in and by by_job's job.
    assert len(run_due(engine, knowledge=knowledge, today=day(7), now=at(day(7))).outcomes) == 2
    import_days(engine, by_job, 14, [2])
    report = check_in_on(engine, knowledge, on_check_in, 14, pain=2).weekly_review
    assert report is not None
    (job,) = run_due(engine, knowledge=knowledge, today=day(14), now=at(day(14))).outcomes
    assert job.patient_id == by_job
    assert job.changed == report.changed
    assert runs(engine, on_check_in)[-1].summary == runs(engine, by_job)[-1].summary
    assert len(versions(engine, on_check_in)) == len(versions(engine, by_job))


def test_a_lease_a_worker_holds_leaves_the_week_to_it_and_the_check_in_is_kept(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    with unit_of_work(engine) as session:
        until = at(day(7)) + dt.timedelta(minutes=5)
        session.add(JobLease(name=lease_name(patient_id, day(7)), holder="w1", expires_at=until))
    outcome = check_in_on(engine, knowledge, patient_id, 7)
    assert outcome.weekly_review is None
    assert outcome.checkin.pain_now == 3
    assert checkins(engine, patient_id) == 1
    assert runs(engine, patient_id) == []
    # Its lease still there (the savepoint gave back nothing of another's), the worker goes on.
    with read_only(engine) as session:
        assert session.scalar(select(JobLease.holder)) == "w1"


def test_a_review_that_refuses_undoes_all_it_wrote_and_keeps_the_check_in(
    engine: Engine, knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    import_days(engine, patient_id, 0, [5] * 7 + [2] * 7)
    changed: list[bool] = []

    def half_then_refuse(session: object, **kwargs: object) -> ReviewReport:
        report = review_patient(session, **kwargs)  # type: ignore[arg-type]
        changed.append(report.changed)  # a new plan version written...
        raise InvalidInputError("review: refused half-way")  # ...then a refusal

    monkeypatch.setattr(jobs, "review_patient", half_then_refuse)
    outcome = check_in_on(engine, knowledge, patient_id, 14, pain=2)
    assert changed == [True]
    assert outcome.weekly_review is None
    assert checkins(engine, patient_id) == 15
    assert runs(engine, patient_id) == []
    assert len(versions(engine, patient_id)) == 1
    with read_only(engine) as session:
        assert session.scalar(select(func.count()).select_from(JobLease)) == 0
    # The job tries the week later, and keeps it as failed if it refuses again.
    summary = run_due(engine, knowledge=knowledge, today=day(14), now=at(day(14)))
    assert [o.status for o in summary.outcomes] == ["failed"]


@pytest.mark.slow
def test_a_check_in_and_a_worker_at_once_review_the_week_once(
    engine: Engine, settings: Settings, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    import_days(engine, patient_id, 0, [5, 5, 4, 4, 4, 3])
    start = threading.Barrier(2)
    reviewed: list[str] = []
    problems: list[BaseException] = []

    def job() -> None:
        own = make_engine(settings)
        try:
            start.wait()
            summary = run_due(own, knowledge=knowledge, today=day(7), now=at(day(7)))
            reviewed.extend("job" for o in summary.outcomes if o.status == "done")
        except BaseException as error:  # reported below
            problems.append(error)
        finally:
            own.dispose()

    def person() -> None:
        own = make_engine(settings)
        try:
            start.wait()
            if check_in_on(own, knowledge, patient_id, 7).weekly_review is not None:
                reviewed.append("check-in")
        except BaseException as error:  # reported below
            problems.append(error)
        finally:
            own.dispose()

    threads = [threading.Thread(target=job), threading.Thread(target=person)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert problems == []
    assert len(reviewed) == 1, reviewed
    assert [r.week_ending for r in runs(engine, patient_id)] == [day(7)]
    assert checkins(engine, patient_id) == 7

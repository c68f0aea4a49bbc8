"""Weekly reviews that run themselves: due once a week, run once, the same review as by hand."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import Engine, func, select

from backcare.adaptation.service import review_patient
from backcare.audit.service import list_events
from backcare.domain.vocabulary import Level
from backcare.jobs import repository
from backcare.jobs.models import JobLease, ReviewRun
from backcare.jobs.service import lease_name, run_due
from backcare.knowledge.loader import Knowledge
from backcare.settings import Settings
from backcare.store.db import make_engine, read_only, unit_of_work
from backcare.tracking.schemas import CheckInCreate
from backcare.tracking.service import import_checkins, list_alerts
from backcare.tracking.vocabulary import WarningSymptom
from tests.store.adapt_support import assessed_patient, at, day, import_days, versions

NOW = at(day(30))


def runs(engine: Engine, patient_id: str) -> list[ReviewRun]:
    with read_only(engine) as session:
        return list(repository.runs_of(session, patient_id=patient_id))


def run(engine: Engine, knowledge: Knowledge, n: int, **kwargs: object) -> list[str]:
    summary = run_due(engine, knowledge=knowledge, today=day(n), now=at(day(n)), **kwargs)  # type: ignore[arg-type]
    return [f"{o.patient_id[:4]} {o.week_ending} {o.status}" for o in summary.outcomes]


def test_a_review_falls_due_a_week_after_the_plan_started_and_runs_once(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    import_days(engine, patient_id, 1, [5, 4, 4, 3])
    assert run(engine, knowledge, 6) == []
    assert run(engine, knowledge, 7) == [f"{patient_id[:4]} {day(7)} done"]
    assert run(engine, knowledge, 7) == []
    assert run(engine, knowledge, 13) == []
    (kept,) = runs(engine, patient_id)
    assert (kept.week_ending, kept.status, kept.plan_version) == (day(7), "done", 1)
    assert kept.summary
    assert run(engine, knowledge, 14) == [f"{patient_id[:4]} {day(14)} done"]


def test_a_scheduler_that_was_off_reviews_only_the_latest_whole_week(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    assert run(engine, knowledge, 23) == [f"{patient_id[:4]} {day(21)} done"]
    assert [r.week_ending for r in runs(engine, patient_id)] == [day(21)]


def test_the_scheduled_review_is_the_manual_review_and_says_the_same(
    engine: Engine, knowledge: Knowledge
) -> None:
    scheduled = assessed_patient(engine, knowledge)
    by_hand = assessed_patient(engine, knowledge)
    for patient_id in (scheduled, by_hand):
        import_days(engine, patient_id, 0, [5] * 7 + [2] * 7)
    with unit_of_work(engine) as session:
        manual = review_patient(session, patient_id=by_hand, knowledge=knowledge, today=day(14))
    assert manual.changed
    # The change by hand restarts that person's week; only the other one is due.
    assert run(engine, knowledge, 14) == [f"{scheduled[:4]} {day(14)} done"]
    (kept,) = runs(engine, scheduled)
    assert kept.summary == manual.reviews[-1].explanation
    assert kept.changed == manual.changed
    assert len(versions(engine, scheduled)) == len(versions(engine, by_hand))


def test_a_week_with_a_warning_sign_raises_the_alert_and_switches_to_the_safety_plan(
    engine: Engine, knowledge: Knowledge
) -> None:
    """SAFETY.md H-140: a scheduled review that finds a warning sign acts as one by hand."""
    scheduled = assessed_patient(engine, knowledge)
    by_hand = assessed_patient(engine, knowledge)
    # Entered without the check-in review (a paper diary imported later): only a weekly
    # review sees the warning.
    diary = [
        CheckInCreate(date=day(n), pain_now=4, warnings=[WarningSymptom.saddle_numbness])
        if n == 5
        else CheckInCreate(date=day(n), pain_now=4)
        for n in range(1, 7)
    ]
    with unit_of_work(engine) as session:
        for patient_id in (scheduled, by_hand):
            import_checkins(session, patient_id=patient_id, data=diary, today=dt.date.today())
    with unit_of_work(engine) as session:
        manual = review_patient(session, patient_id=by_hand, knowledge=knowledge, today=day(7))
    summary = run_due(engine, knowledge=knowledge, today=day(7), now=at(day(7)))
    (outcome,) = summary.outcomes
    assert (outcome.patient_id, outcome.status, outcome.changed) == (scheduled, "done", True)
    assert outcome.alerts >= 1
    assert manual.level is Level.emergency
    latest = versions(engine, scheduled)[-1]
    assert latest.plan["triage"]["level"] == Level.emergency.value
    assert latest.created_by == versions(engine, by_hand)[-1].created_by
    with read_only(engine) as session:
        alerts = list_alerts(session, patient_id=scheduled)
        manual_alerts = list_alerts(session, patient_id=by_hand)
    assert [a.kind for a in alerts] == [a.kind for a in manual_alerts]
    assert alerts
    (kept,) = runs(engine, scheduled)
    assert kept.summary == manual.reviews[-1].explanation


def test_a_lease_held_by_a_live_worker_is_left_and_an_expired_one_taken_over(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    name = lease_name(patient_id, day(7))
    with unit_of_work(engine) as session:
        session.add(JobLease(name=name, holder="crashed", expires_at=at(day(7)) + dt.timedelta(1)))
    assert run(engine, knowledge, 7) == [f"{patient_id[:4]} {day(7)} skipped"]
    assert runs(engine, patient_id) == []
    # A day later the crashed worker's lease has run out: the review is taken over.
    summary = run_due(engine, knowledge=knowledge, today=day(7), now=at(day(9)))
    assert [o.status for o in summary.outcomes] == ["done"]
    with read_only(engine) as session:
        assert session.scalar(select(func.count()).select_from(JobLease)) == 0


def test_each_run_is_in_the_audit_log_as_the_scheduler(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    run(engine, knowledge, 7)
    with read_only(engine) as session:
        events = list_events(session, patient_id=patient_id, limit=50, offset=0)
    scheduled = [e for e in events if e.actor_role == "system"]
    assert [(e.actor_name, e.action) for e in scheduled] == [("scheduler", "record.write")]
    assert str(day(7)) in scheduled[0].detail


@pytest.mark.slow
def test_workers_with_their_own_engines_run_each_due_review_once(
    engine: Engine, settings: Settings, knowledge: Knowledge
) -> None:
    people = [assessed_patient(engine, knowledge) for _ in range(6)]
    workers = 4
    start = threading.Barrier(workers)
    results: list[list[str]] = []
    problems: list[BaseException] = []

    def worker(n: int) -> None:
        own = make_engine(settings)
        try:
            start.wait()
            summary = run_due(
                own, knowledge=knowledge, today=day(7), now=at(day(7)), worker=f"w{n}"
            )
            results.append([o.status for o in summary.outcomes])
        except BaseException as error:  # reported below, with the thread's own traceback
            problems.append(error)
        finally:
            own.dispose()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert problems == []
    assert sum(statuses.count("done") for statuses in results) == len(people)
    for patient_id in people:
        assert [r.week_ending for r in runs(engine, patient_id)] == [day(7)]
    assert run(engine, knowledge, 7) == []

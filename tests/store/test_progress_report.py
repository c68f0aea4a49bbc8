"""Progress on the store: weekly pain against the baseline, PEG, adherence, streaks, chart."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine

from backcare.domain.progress import sparkline
from backcare.errors import InvalidInputError
from backcare.knowledge.loader import Knowledge
from backcare.patients.schemas import PatientRead
from backcare.store.db import read_only, unit_of_work
from backcare.tracking.history import history_for
from backcare.tracking.progress import progress_for
from backcare.tracking.schemas import CheckInCreate, MeasureCreate, Peg, Psfs, PsfsActivity
from backcare.tracking.service import import_checkins, record_measure
from tests.store.adapt_support import START, assessed_patient, day


def _psfs(score: int) -> Psfs:
    return Psfs(activities=[PsfsActivity(activity="Walking to the shops", score=score)])


def _two_weeks(engine: Engine, patient_id: str) -> None:
    """Pain 5 then 2; a session every day, then on three days; PEG and PSFS improving."""
    checkins = [
        CheckInCreate(date=day(n), pain_now=5 if n < 7 else 2, sessions_done=int(n < 10))
        for n in range(14)
    ]
    measures = [
        MeasureCreate(date=day(6), value=Peg(pain=6, enjoyment=6, activity=6)),
        MeasureCreate(date=day(13), value=Peg(pain=3, enjoyment=3, activity=3)),
        MeasureCreate(date=day(0), value=Psfs(activities=[PsfsActivity(activity="Walk", score=3)])),
        MeasureCreate(
            date=day(13), value=Psfs(activities=[PsfsActivity(activity="Walk", score=6)])
        ),
    ]
    with unit_of_work(engine) as session:
        import_checkins(session, patient_id=patient_id, data=checkins, today=day(13))
        for measure in measures:
            record_measure(session, patient_id=patient_id, data=measure, today=day(13))


def test_progress_shows_each_week_against_the_baseline(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    _two_weeks(engine, patient_id)
    with read_only(engine) as session:
        progress = progress_for(session, patient_id=patient_id, today=day(13), knowledge=knowledge)
    first, second = progress.weeks
    assert (progress.start, progress.baseline_pain) == (START, 5)
    assert (first.week, first.pain_mean, first.readings, first.peg) == (START, 5.0, 7, 6.0)
    assert first.pain_change is not None
    assert not first.pain_change.meaningful
    assert (second.pain_mean, second.peg) == (2.0, 3.0)
    assert second.pain_change is not None
    assert second.pain_change.meaningful  # 3 points down from 5
    assert (first.done, second.done) == (7, 3)
    assert first.planned == second.planned > 0
    assert progress.pain_change is not None
    assert progress.pain_change.better == 3.0
    assert progress.peg_change is not None
    assert progress.peg_change.meaningful  # 50% down
    assert progress.psfs_change is not None
    assert progress.psfs_change.meaningful  # 3 points up
    assert (progress.current_streak, progress.longest_streak) == (0, 10)
    assert progress.chart == sparkline([5.0, 2.0])


def test_progress_stops_at_the_day_asked_for(engine: Engine, knowledge: Knowledge) -> None:
    patient_id = assessed_patient(engine, knowledge)
    _two_weeks(engine, patient_id)
    with read_only(engine) as session:
        progress = progress_for(session, patient_id=patient_id, today=day(6), knowledge=knowledge)
        history = history_for(session, patient_id=patient_id, until=day(6))
    assert [week.week for week in progress.weeks] == [START]
    assert progress.psfs_change is None  # the second PSFS is after day 6
    assert len(history.checkins) == 7
    assert len(history.peg) == 1


def test_progress_needs_a_first_assessment(
    engine: Engine, patient: PatientRead, knowledge: Knowledge
) -> None:
    with pytest.raises(InvalidInputError, match="no assessment"), read_only(engine) as session:
        progress_for(session, patient_id=patient.id, today=START, knowledge=knowledge)


def test_progress_is_not_measured_before_the_first_assessment(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    before = "today: 0001-01-01 is before the first"
    with pytest.raises(InvalidInputError, match=before), read_only(engine) as session:
        progress_for(session, patient_id=patient_id, today=dt.date(1, 1, 1), knowledge=knowledge)

"""Progress on the store: the domain's progress report for one patient, week by week."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict
from sqlalchemy.orm import Session

from backcare.assessments import repository as plans
from backcare.domain.adherence import Timeline, schedule_of_week
from backcare.domain.progress import (
    ImportantChange,
    MeasureChange,
    ProgressReport,
    nprs_change,
    progress_report,
    week_start,
)
from backcare.domain.tracking import PegRecord
from backcare.errors import InvalidInputError
from backcare.knowledge.loader import Knowledge
from backcare.patients.service import ensure_patient_exists
from backcare.plan_edits.customs import custom_kinds
from backcare.tracking.history import history_for


class Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class ChangeRead(Out):
    """A measure against its baseline: points better, share of baseline, and whether it counts."""

    baseline: float
    latest: float
    better: float
    percent: float | None
    meaningful: bool


class WeekRead(Out):
    """One ISO week: mean pain and its change from baseline, PEG, and exercise sessions done
    against the sessions the plan's timetable holds (the daily stretch is not a session)."""

    week: dt.date
    pain_mean: float | None
    readings: int
    pain_change: ChangeRead | None
    peg: float | None
    done: int
    planned: int
    adherence: float | None


class PlanChangeRead(Out):
    """A plan version after the first: the day it was made, and by whom (a review, a person)."""

    version: int
    day: dt.date
    made_by: str


class PsfsRead(Out):
    """One answer to the personal activities questions (PSFS, 0-10, higher is better)."""

    day: dt.date
    mean: float
    scores: dict[str, int]


class ProgressRead(Out):
    """Everything ``backcare progress`` shows."""

    patient_id: str
    today: dt.date
    start: dt.date
    baseline_pain: int
    plan_version: int
    weeks: list[WeekRead]
    pain_change: ChangeRead | None
    peg_change: ChangeRead | None
    psfs_change: ChangeRead | None
    current_streak: int
    longest_streak: int
    chart: str
    important_points: float
    """The important change in pain, in points (2, OSTELO-2008; from the knowledge)."""
    important_share: float
    """The important change in pain, as a share of the baseline (30%)."""
    flare_ups: list[dt.date] = []
    """Days checked in as a flare-up."""
    plan_changes: list[PlanChangeRead] = []
    """Each plan version after the first, oldest first."""
    psfs: list[PsfsRead] = []
    """Every PSFS answer, oldest first."""


def progress_for(
    session: Session, *, patient_id: str, today: dt.date, knowledge: Knowledge
) -> ProgressRead:
    """Progress since the first assessment, up to ``today``: baseline is its pain score."""
    first = plans.baseline_pain(session, patient_id)
    current = plans.current_week(session, patient_id)
    if first is None or current is None:
        ensure_patient_exists(session, patient_id=patient_id)  # NotFound for a wrong id
        raise InvalidInputError(
            f"patient: {patient_id} has no assessment yet, and progress is measured against "
            "the first one; run `backcare assess --patient` first."
        )
    (baseline, assessed_at), (version, week) = first, current
    start = assessed_at.date()
    if today < start:
        raise InvalidInputError(
            f"today: {today.isoformat()} is before the first assessment "
            f"({start.isoformat()}), and progress is measured from it."
        )
    history = history_for(session, patient_id=patient_id, until=today)
    # A version stamped after ``today`` (a fixed clock, a review run for an earlier day) is
    # taken as made today: it is the plan in force now.
    versions = [
        (number, min(made.date(), today), by, days)
        for number, made, by, days in plans.plan_weeks(session, patient_id)
    ]
    # Exercises a clinician wrote for this person count like catalog ones (SAFETY.md H-230).
    kinds = custom_kinds(session, patient_id=patient_id)
    timeline = Timeline(
        tuple(
            (made, schedule_of_week(days, knowledge.catalog, kinds=kinds))
            for _, made, _, days in versions
        )
        or ((start, schedule_of_week(week, knowledge.catalog, kinds=kinds)),)
    )
    report = progress_report(
        baseline_pain=baseline,
        history=history,
        schedule=timeline,
        thresholds=knowledge.thresholds,
        start=start,
        today=today,
    )
    return ProgressRead(
        patient_id=patient_id,
        today=today,
        start=start,
        baseline_pain=baseline,
        plan_version=version,
        weeks=week_rows(report, history.peg, baseline, ImportantChange.of(knowledge.thresholds)),
        pain_change=_change(report.pain_change),
        peg_change=_change(report.peg_change),
        psfs_change=_change(report.psfs_change),
        current_streak=report.streaks.current,
        longest_streak=report.streaks.longest,
        chart=report.chart,
        important_points=knowledge.thresholds.pain_important_points.value,
        important_share=knowledge.thresholds.pain_important_share.value,
        flare_ups=[c.day for c in history.checkins if c.flare_up and start <= c.day <= today],
        plan_changes=[
            PlanChangeRead(version=number, day=made, made_by=by)
            for number, made, by, _ in versions[1:]
        ],
        psfs=[
            PsfsRead(
                day=record.day,
                mean=round(sum(score for _, score in record.scores) / len(record.scores), 2),
                scores=dict(record.scores),
            )
            for record in history.psfs
            if record.scores
        ],
    )


def week_rows(
    report: ProgressReport, peg: Sequence[PegRecord], baseline: int, rule: ImportantChange
) -> list[WeekRead]:
    """Pain, PEG and adherence side by side for every week that has any of them."""
    pain = {week.week: week for week in report.pain_trend}
    done = {week.week: week for week in report.adherence}
    peg_means = _peg_by_week(peg)
    rows = []
    for monday in sorted(pain.keys() | done.keys()):
        mean = pain[monday].mean if monday in pain else None
        sessions = done.get(monday)
        rows.append(
            WeekRead(
                week=monday,
                pain_mean=None if mean is None else round(mean, 2),
                readings=pain[monday].readings if monday in pain else 0,
                pain_change=None if mean is None else _change(nprs_change(baseline, mean, rule)),
                peg=peg_means.get(monday),
                done=sessions.done if sessions else 0,
                planned=sessions.planned if sessions else 0,
                adherence=sessions.rate if sessions else None,
            )
        )
    return rows


def _peg_by_week(peg: Sequence[PegRecord]) -> dict[dt.date, float]:
    grouped: dict[dt.date, list[float]] = {}
    for record in peg:
        grouped.setdefault(week_start(record.day), []).append(record.mean)
    return {week: round(sum(values) / len(values), 2) for week, values in grouped.items()}


def _change(change: MeasureChange | None) -> ChangeRead | None:
    if change is None:
        return None
    percent = None if change.percent is None else round(change.percent, 3)
    return ChangeRead(
        baseline=round(change.baseline, 2),
        latest=round(change.latest, 2),
        better=round(change.better, 2),
        percent=percent,
        meaningful=change.meaningful,
    )

"""Create the demo patients: twelve weeks of daily life, reviewed as the weeks pass.

Every row goes through the services the CLI uses (each check-in reviewed at once, sessions
only of planned items, a weekly review at the end of each week), so the plan versions and
alerts are the ones Backcare really makes.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict
from sqlalchemy.orm import Session

from backcare.adaptation.service import check_in, review_patient
from backcare.assessments import service as assessments
from backcare.demo.scenarios import DEMO_PREFIX, SCENARIOS, Scenario
from backcare.demo.simulate import Day, felt, peg_answers, psfs_scores, simulate_day
from backcare.domain.intake import Intake
from backcare.domain.plan_model import DAYS
from backcare.errors import InvalidInputError
from backcare.knowledge.loader import Knowledge
from backcare.patients import repository as patient_rows
from backcare.patients.schemas import PatientCreate
from backcare.patients.service import create_patient
from backcare.tracking import service as tracking
from backcare.tracking.schemas import CheckInCreate, MeasureCreate, Peg, Psfs, SessionLogCreate
from backcare.tracking.vocabulary import WarningSymptom

DEMO_WEEKS = 12
WEEK = 7
DEMO_DAYS = DEMO_WEEKS * WEEK
MAX_PATIENTS = 40
"""Enough to fill a clinician's list; more would only make the demo slow."""
PSFS_EVERY = 4 * WEEK
"""PSFS every four weeks: function changes more slowly than pain."""


class DemoPatientRead(BaseModel):
    """One demo patient, as created."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    plan_versions: int
    alerts: int
    checkins: int
    level: str


@dataclass
class _Life:
    """One demo patient being lived through, day by day."""

    session: Session
    patient_id: str
    scenario: Scenario
    rng: random.Random
    knowledge: Knowledge
    pains: list[int] = field(default_factory=list)


def create_demo(
    session: Session, *, patients: int, seed: int, today: dt.date, knowledge: Knowledge
) -> list[DemoPatientRead]:
    """``patients`` demo patients with 12 weeks of history ending ``today``; refuses a rerun."""
    if not 1 <= patients <= MAX_PATIENTS:
        raise InvalidInputError(
            f"patients: give a number from 1 to {MAX_PATIENTS}, not {patients}."
        )
    existing = patient_rows.ids_named_like(session, DEMO_PREFIX)
    if existing:
        raise InvalidInputError(
            f"demo: this database already has {len(existing)} demo patients; delete them "
            "(`backcare delete ID --yes`) or use another database (BACKCARE_DATABASE_URL)."
        )
    first = today - dt.timedelta(days=DEMO_DAYS - 1)
    return [_one_patient(session, index, seed, first, knowledge) for index in range(patients)]


def demo_name(index: int) -> str:
    """The display name of the ``index``-th demo patient (scenarios repeat, numbered)."""
    scenario = SCENARIOS[index % len(SCENARIOS)]
    round_ = index // len(SCENARIOS)
    return f"{DEMO_PREFIX}{scenario.name}" + (f" ({round_ + 1})" if round_ else "")


def _one_patient(
    session: Session, index: int, seed: int, first: dt.date, knowledge: Knowledge
) -> DemoPatientRead:
    scenario = SCENARIOS[index % len(SCENARIOS)]
    intake = Intake.model_validate(scenario.intake)
    patient = create_patient(
        session, data=PatientCreate(display_name=demo_name(index), preferences=intake.preferences)
    )
    assessments.assess_patient(
        session,
        patient_id=patient.id,
        intake=intake,
        knowledge=knowledge,
        created_by="demo",
        at=stamp(first, hour=9),
    )
    # A string seed is hashed the same way on every run and machine (random.seed, version 2).
    life = _Life(session, patient.id, scenario, random.Random(f"{seed}:{index}"), knowledge)
    for n in range(DEMO_DAYS):
        _live(life, n, first + dt.timedelta(days=n))
    return _summary(session, patient.id, patient.display_name)


def stamp(day: dt.date, *, hour: int) -> dt.datetime:
    """A UTC time on a simulated day, for the rows the demo back-dates."""
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def _live(life: _Life, n: int, day: dt.date) -> None:
    """One day: the planned session (or not), the evening check-in, and the week's end."""
    today = simulate_day(life.rng, life.scenario, n)
    minutes = _exercise(life, today, day)
    data = CheckInCreate(
        date=day,
        pain_now=today.pain,
        sessions_done=1 if minutes else 0,
        minutes=minutes,
        notes=today.note,
        warnings=[WarningSymptom(code) for code in today.warnings],
        flare_up=today.flare_up,
    )
    check_in(
        life.session,
        patient_id=life.patient_id,
        data=data,
        knowledge=life.knowledge,
        today=day,
        at=stamp(day, hour=20),
    )
    life.pains.append(today.pain)
    if n == 0 or n % PSFS_EVERY == PSFS_EVERY - 1:
        _psfs(life, day)
    if n % WEEK == WEEK - 1:
        _end_of_week(life, day)


def _exercise(life: _Life, today: Day, day: dt.date) -> int:
    """Log each item planned for the day when the person exercised; the minutes it took."""
    plan = assessments.current_plan(life.session, patient_id=life.patient_id)
    if plan is None or not today.exercised:
        return 0
    items = {item["id"]: item for item in plan.plan["items"]}
    planned = plan.plan["week"][DAYS[day.weekday()]]
    logs = [
        SessionLogCreate(
            date=day,
            item_id=item_id,
            duration_seconds=round(items[item_id]["minutes"] * 60),
            felt=felt(life.rng, today.pain),
        )
        for item_id in planned
    ]
    tracking.record_sessions(life.session, patient_id=life.patient_id, data=logs)
    return round(plan.plan["total_minutes_per_day"][DAYS[day.weekday()]]) if planned else 0


def _end_of_week(life: _Life, day: dt.date) -> None:
    """The weekly PEG, then the weekly review of the week just ended."""
    week_pain = sum(life.pains[-WEEK:]) / WEEK
    peg = Peg.model_validate(peg_answers(life.rng, week_pain))
    measure = MeasureCreate(date=day, value=peg)
    tracking.record_measure(life.session, patient_id=life.patient_id, data=measure, today=day)
    review_patient(
        life.session,
        patient_id=life.patient_id,
        knowledge=life.knowledge,
        today=day,
        at=stamp(day, hour=21),
    )


def _psfs(life: _Life, day: dt.date) -> None:
    recent = life.pains[-WEEK:]
    psfs = Psfs.model_validate(
        {"activities": psfs_scores(life.rng, life.scenario, sum(recent) / len(recent))}
    )
    measure = MeasureCreate(date=day, value=psfs)
    tracking.record_measure(life.session, patient_id=life.patient_id, data=measure, today=day)


def _summary(session: Session, patient_id: str, name: str) -> DemoPatientRead:
    versions = assessments.plan_history(session, patient_id=patient_id)
    return DemoPatientRead(
        id=patient_id,
        name=name,
        plan_versions=len(versions),
        alerts=len(tracking.list_alerts(session, patient_id=patient_id)),
        checkins=tracking.tracking_summary(session, patient_id=patient_id).checkins,
        level=versions[-1].plan["triage"]["level"],
    )

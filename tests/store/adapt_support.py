"""Builders for the adaptation tests: an assessed patient and days of history, back-dated."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Engine

from backcare.adaptation.schemas import ReviewReport
from backcare.adaptation.service import check_in, review_patient
from backcare.assessments.schemas import PlanVersionRead
from backcare.assessments.service import assess_patient, plan_history
from backcare.domain.intake import Intake
from backcare.knowledge.loader import Knowledge
from backcare.patients.schemas import PatientCreate
from backcare.patients.service import create_patient
from backcare.store.db import read_only, unit_of_work
from backcare.tracking.schemas import CheckInCreate
from backcare.tracking.service import import_checkins
from backcare.tracking.vocabulary import WarningSymptom

START = dt.date(2025, 3, 3)
"""A Monday: the assessment day of every adaptation test."""

INTAKE = Intake.model_validate(
    {
        "age": 45,
        "duration_weeks": 20,
        "pain_now": 5,
        "preferences": {"equipment": ["mat", "towel"], "minutes_per_day": 30},
    }
)


def at(day: dt.date) -> dt.datetime:
    """Noon UTC on ``day``."""
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


def assessed_patient(engine: Engine, knowledge: Knowledge, intake: Intake = INTAKE) -> str:
    """A patient assessed on START with plan version 1; returns their id."""
    with unit_of_work(engine) as session:
        patient = create_patient(session, data=PatientCreate(display_name="Ann Example"))
        assess_patient(
            session, patient_id=patient.id, intake=intake, knowledge=knowledge, at=at(START)
        )
    return patient.id


def day(n: int) -> dt.date:
    """Day ``n`` after the assessment (0 is START)."""
    return START + dt.timedelta(days=n)


def import_days(engine: Engine, patient_id: str, first: int, pains: Sequence[int]) -> None:
    """One check-in a day from day ``first``, one session each, without any review."""
    data = [
        CheckInCreate(date=day(first + n), pain_now=pain, sessions_done=1, minutes=20)
        for n, pain in enumerate(pains)
    ]
    with unit_of_work(engine) as session:
        import_checkins(session, patient_id=patient_id, data=data, today=dt.date.today())


def checkin(
    engine: Engine,
    knowledge: Knowledge,
    patient_id: str,
    n: int,
    *,
    pain: int = 4,
    flare_up: bool = False,
    warnings: Sequence[WarningSymptom] = (),
) -> ReviewReport | None:
    """A check-in on day ``n`` through the service the CLI uses, reviewed at once."""
    data = CheckInCreate(date=day(n), pain_now=pain, flare_up=flare_up, warnings=list(warnings))
    with unit_of_work(engine) as session:
        _, report = check_in(
            session,
            patient_id=patient_id,
            data=data,
            knowledge=knowledge,
            today=day(n),
            at=at(day(n)),
        )
    return report


def review(engine: Engine, knowledge: Knowledge, patient_id: str, n: int) -> ReviewReport:
    """The weekly review on day ``n``."""
    with unit_of_work(engine) as session:
        return review_patient(
            session, patient_id=patient_id, knowledge=knowledge, today=day(n), at=at(day(n))
        )


def versions(engine: Engine, patient_id: str) -> list[PlanVersionRead]:
    """Every plan version, oldest first."""
    with read_only(engine) as session:
        return plan_history(session, patient_id=patient_id)

"""The web skips the check-in review for a plain check-in on a usual plan; this keeps it safe.

If the check-in review ever learns to act on a plain check-in, these tests fail, and
``backcare.web.checkins.needs_review`` must learn it too.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine

from backcare.adaptation.service import after_checkin
from backcare.assessments.service import assess_patient
from backcare.domain.intake import Intake
from backcare.knowledge.loader import Knowledge
from backcare.patients.schemas import PatientCreate
from backcare.patients.service import create_patient
from backcare.store.db import unit_of_work
from backcare.tracking.schemas import CheckInCreate
from backcare.tracking.service import record_checkin
from backcare.web.checkins import needs_review

PLAIN = CheckInCreate(date=dt.date(2024, 5, 15), pain_now=9, sessions_done=0)


def test_a_plain_checkin_on_a_usual_plan_fires_no_rule(
    engine: Engine, knowledge: Knowledge, chronic_intake: Intake
) -> None:
    with unit_of_work(engine) as session:
        patient = create_patient(session, data=PatientCreate(display_name="Guard"))
        assess_patient(session, patient_id=patient.id, intake=chronic_intake, knowledge=knowledge)
        assert not needs_review(session, patient_id=patient.id, data=PLAIN)
        checkin = record_checkin(session, patient_id=patient.id, data=PLAIN)
        report = after_checkin(session, patient_id=patient.id, checkin=checkin, knowledge=knowledge)
    assert report is not None
    assert not report.changed
    assert all(not r.rules_fired and not r.alerts for r in report.reviews)


def test_warnings_and_flare_ups_are_reviewed(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        patient = create_patient(session, data=PatientCreate(display_name="Guard"))
        for extra in ({"warnings": ["fever"]}, {"flare_up": True}):
            data = PLAIN.model_copy(update=extra)
            assert needs_review(session, patient_id=patient.id, data=data)

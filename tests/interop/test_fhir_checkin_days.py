"""A Bundle from before the one-check-in-a-day rule may hold two check-ins of one day: the
import keeps the later one of each day, with every warning sign of the day (SAFETY.md H-120)."""

from __future__ import annotations

import copy
import datetime as dt
import uuid

from sqlalchemy import Engine

from backcare.knowledge.loader import Knowledge
from backcare.store.db import read_only, unit_of_work
from backcare.tracking import service as tracking
from backcare.tracking.schemas import CheckInCreate
from backcare.tracking.vocabulary import WarningSymptom
from tests.interop.bundles import export, import_into, resources
from tests.store.adapt_support import assessed_patient, day


def test_two_check_ins_of_one_day_in_a_bundle_import_as_one_keeping_the_warning(
    fresh_engine: Engine, knowledge: Knowledge
) -> None:
    engine = fresh_engine
    patient_id = assessed_patient(engine, knowledge)
    data = [
        CheckInCreate(date=day(1), pain_now=6, warnings=[WarningSymptom.fever]),
        CheckInCreate(date=day(2), pain_now=4),
    ]
    with unit_of_work(engine) as session:
        tracking.import_checkins(session, patient_id=patient_id, data=data, today=day(3))
    bundle = export(engine, patient_id)
    first = next(r for r in resources(bundle, "Observation") if r.get("valueInteger") == 6)
    later = copy.deepcopy(first)
    later["id"] = str(uuid.uuid4())
    later["valueInteger"] = 2
    later["component"] = [c for c in later["component"] if "valueCodeableConcept" not in c]
    bundle["entry"].append({"fullUrl": f"urn:uuid:{later['id']}", "resource": later})
    result = import_into(engine, bundle, knowledge)
    assert result.checkins == 2
    with read_only(engine) as session:
        stored = tracking.list_checkins(session, patient_id=result.patient_id)
    assert [(c.date, c.pain_now, c.warnings) for c in stored] == [
        (day(1), 2, [WarningSymptom.fever]),
        (day(2), 4, []),
    ]
    assert isinstance(stored[0].date, dt.date)

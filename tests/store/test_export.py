"""Export: everything stored about a patient, and only about them, as one JSON document."""

from __future__ import annotations

import json

from sqlalchemy import Engine

from backcare.domain.plan_model import Plan
from backcare.patients.export import EXPORT_FORMAT, export_patient
from backcare.patients.schemas import PatientCreate
from backcare.patients.service import create_patient
from backcare.store.db import read_only, unit_of_work
from tests.store.helpers import give_history, patient_tables


def test_the_export_holds_one_section_per_patient_table_with_only_their_rows(
    engine: Engine, plan: Plan
) -> None:
    with unit_of_work(engine) as session:
        ann = create_patient(session, data=PatientCreate(display_name="Ann"))
        bo = create_patient(session, data=PatientCreate(display_name="Bo"))
        give_history(session, ann.id, plan)
        give_history(session, bo.id, plan)
    with read_only(engine) as session:
        document = export_patient(session, patient_id=ann.id)
    sections = set(patient_tables()) - {"patients"}
    assert document["format"] == EXPORT_FORMAT
    assert document["patient"]["id"] == ann.id
    assert sections <= set(document), "a new patient table must be added to the export"
    for section in sections:
        rows = document[section]
        assert len(rows) == 1, section
        assert rows[0]["patient_id"] == ann.id
    assert document["plan_versions"][0]["plan"] == plan.model_dump(mode="json")
    assert json.loads(json.dumps(document)) == document

"""Two clinicians save an edit of the same version at the same moment: exactly one becomes the
next version, the other is told the plan changed (SAFETY.md H-153), on SQLite and PostgreSQL."""

from __future__ import annotations

import threading

from sqlalchemy import Engine

from backcare.errors import BackcareError
from backcare.knowledge.loader import Knowledge
from backcare.plan_edits.schemas import PlanEditCreate
from backcare.plan_edits.service import StalePlanError, edit_plan
from backcare.store.db import unit_of_work
from tests.store.adapt_support import assessed_patient, at, day, versions
from tests.store.test_plan_edit_review import clinician

DOSES = ("6 each side", "10 each side")


def test_two_edits_of_one_version_at_once_make_one_version_and_one_conflict(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    actor = clinician(engine)
    barrier = threading.Barrier(len(DOSES))
    outcomes: list[str] = []

    def save(dose: str) -> None:
        data = PlanEditCreate.model_validate(
            {
                "based_on_version": 1,
                "reason": f"Dose {dose}",
                "operations": [{"op": "change", "item_id": "strengthen-bird-dog", "dose": dose}],
            }
        )
        barrier.wait()
        try:
            with unit_of_work(engine) as session:
                edit_plan(
                    session,
                    patient_id=patient_id,
                    data=data,
                    actor=actor,
                    knowledge=knowledge,
                    today=day(0),
                    source="test",
                    now=at(day(0)),
                )
            outcomes.append("saved")
        except StalePlanError as stale:
            outcomes.append(f"conflict with version {stale.current.version}")
        except BackcareError as error:
            outcomes.append(f"error: {error}")

    threads = [threading.Thread(target=save, args=(dose,)) for dose in DOSES]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["conflict with version 2", "saved"]
    stored = versions(engine, patient_id)
    assert [v.version for v in stored] == [1, 2]
    dose = next(i.dose for i in stored[-1].as_plan().items if i.id == "strengthen-bird-dog")
    assert dose in DOSES

"""Check-ins for one person arriving at the same moment: none refused, none deadlocked.

Two check-ins at once used to deadlock on PostgreSQL: each inserted its row (taking a lock
on the patient through the foreign key) and then asked for the patient's row lock for the
review. The service now locks the patient first (adaptation.service.check_in).
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import Engine

from backcare.knowledge.loader import Knowledge
from backcare.store.db import read_only
from backcare.tracking.service import list_checkins
from backcare.tracking.vocabulary import WarningSymptom
from tests.store.adapt_support import assessed_patient, checkin, versions

CLIENTS = 6


@pytest.mark.slow
def test_simultaneous_reviewed_check_ins_for_one_person_all_land_as_one_a_day(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    start = threading.Barrier(CLIENTS)
    errors: list[BaseException] = []

    def send(client: int) -> None:
        try:
            start.wait()
            # Alternate flare-ups and plain reviewed check-ins: both take the review path.
            checkin(engine, knowledge, patient_id, 3, pain=5, flare_up=client % 2 == 0)
        except BaseException as exc:  # reported below, with the others
            errors.append(exc)

    threads = [threading.Thread(target=send, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with read_only(engine) as session:
        # One check-in a day: the later ones replaced the first, and none failed.
        assert len(list_checkins(session, patient_id=patient_id)) == 1
    # The flare-ups all fall on one day: one relief plan, not one per check-in.
    assert [v.created_by for v in versions(engine, patient_id)].count("checkin-review") == 1


@pytest.mark.slow
def test_a_warning_sign_at_the_same_moment_as_other_check_ins_still_changes_the_plan(
    engine: Engine, knowledge: Knowledge
) -> None:
    patient_id = assessed_patient(engine, knowledge)
    start = threading.Barrier(CLIENTS)
    errors: list[BaseException] = []

    def send(client: int) -> None:
        try:
            start.wait()
            warnings = [WarningSymptom.saddle_numbness] if client == 0 else []
            checkin(engine, knowledge, patient_id, 3, pain=5, warnings=warnings)
        except BaseException as exc:  # reported below, with the others
            errors.append(exc)

    threads = [threading.Thread(target=send, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    latest = versions(engine, patient_id)[-1]
    assert latest.plan["triage"]["level"] == "emergency"

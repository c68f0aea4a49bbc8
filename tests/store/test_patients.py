"""Patients: create, find, list and erase (with everything of theirs)."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError
from sqlalchemy import Engine

from backcare.domain.intake import Equipment, Preferences
from backcare.domain.plan_model import Plan
from backcare.errors import InvalidInputError, NotFoundError
from backcare.patients import repository
from backcare.patients.models import Patient
from backcare.patients.schemas import PatientCreate, PatientRead
from backcare.patients.service import (
    create_patient,
    delete_patient,
    get_patient,
    list_patients,
    resolve_patient_id,
)
from backcare.store.db import read_only, unit_of_work
from tests.store.helpers import give_history, row_counts


def test_a_new_patient_gets_a_random_hex_id_and_keeps_their_preferences(engine: Engine) -> None:
    prefs = Preferences(minutes_per_day=20, equipment=[Equipment.mat], partner_available=True)
    with unit_of_work(engine) as session:
        ann = create_patient(session, data=PatientCreate(display_name=" Ann ", preferences=prefs))
        bo = create_patient(session, data=PatientCreate(display_name="Bo"))
    assert re.fullmatch(r"[0-9a-f]{32}", ann.id)
    assert ann.id != bo.id
    with read_only(engine) as session:
        stored = get_patient(session, patient_id=ann.id)
    assert stored.display_name == "Ann"
    assert stored.preferences == prefs


def test_patients_are_listed_oldest_first(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        names = ["Ann", "Bo", "Cy"]
        for name in names:
            create_patient(session, data=PatientCreate(display_name=name))
    with read_only(engine) as session:
        assert [p.display_name for p in list_patients(session)] == names
        assert [p.display_name for p in list_patients(session, limit=1, offset=1)] == ["Bo"]


def test_an_empty_name_is_refused_naming_the_field() -> None:
    with pytest.raises(ValidationError, match="display_name"):
        PatientCreate(display_name="  ")


def test_an_unknown_patient_is_not_found(engine: Engine) -> None:
    with read_only(engine) as session, pytest.raises(NotFoundError, match="No patient"):
        get_patient(session, patient_id="0" * 32)


def test_a_unique_prefix_finds_the_patient(engine: Engine, patient: PatientRead) -> None:
    with read_only(engine) as session:
        assert resolve_patient_id(session, text=patient.id[:6].upper()) == patient.id
        assert resolve_patient_id(session, text=patient.id) == patient.id


def test_an_ambiguous_or_malformed_prefix_is_refused(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        for suffix in ("1", "2"):
            repository.add(session, Patient(id="abcd" + suffix * 28, display_name=suffix))
    with read_only(engine) as session:
        with pytest.raises(InvalidInputError, match="more than one"):
            resolve_patient_id(session, text="abcd")
        with pytest.raises(InvalidInputError, match="not a patient id"):
            resolve_patient_id(session, text="ab%_")
        with pytest.raises(NotFoundError):
            resolve_patient_id(session, text="ffff")


def test_deleting_a_patient_erases_every_row_of_theirs_and_nobody_elses(
    engine: Engine, plan: Plan
) -> None:
    with unit_of_work(engine) as session:
        ann = create_patient(session, data=PatientCreate(display_name="Ann"))
        bo = create_patient(session, data=PatientCreate(display_name="Bo"))
        for who in (ann, bo):
            give_history(session, who.id, plan)
    before = row_counts(engine)
    with unit_of_work(engine) as session:
        delete_patient(session, patient_id=ann.id)
    after = row_counts(engine)
    assert after == {table: count // 2 for table, count in before.items()}
    assert all(count > 0 for count in after.values())
    with read_only(engine) as session, pytest.raises(NotFoundError):
        get_patient(session, patient_id=ann.id)


def test_deleting_an_unknown_patient_is_not_found(engine: Engine) -> None:
    with pytest.raises(NotFoundError), unit_of_work(engine) as session:
        delete_patient(session, patient_id="f" * 32)

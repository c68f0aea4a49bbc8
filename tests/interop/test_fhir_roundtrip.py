"""Export -> import -> export gives the same resources (ids aside), for real and generated
records; an import can also add the latest answers as a new assessment of a patient."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from sqlalchemy import Engine

from backcare.access import grants
from backcare.access.actors import operator
from backcare.access.policy import Actor, Kind
from backcare.accounts.vocabulary import Profession
from backcare.assessments.service import assess_patient, latest_assessment, plan_history
from backcare.demo.service import DemoPatientRead
from backcare.domain.intake import Intake
from backcare.interop.fhir.importer import import_fhir
from backcare.knowledge.loader import Knowledge
from backcare.notes.vocabulary import NoteKind, Visibility
from backcare.patients.schemas import PatientCreate
from backcare.patients.service import create_patient
from backcare.store.db import read_only, unit_of_work
from backcare.team import repository as team_rows
from backcare.tracking import service as tracking
from backcare.tracking.schemas import (
    AlertCreate,
    CheckInCreate,
    MeasureCreate,
    SessionLogCreate,
)
from tests.interop.bundles import export, ids_aside, import_into, resources
from tests.interop.care_records import AT, addendum, clinician, conversation, note
from tests.interop.fhir_schema import bundle_schema_errors
from tests.interop.records import START, care, records


def test_each_demo_person_comes_back_the_same_from_another_backcare(
    demo_engine: Engine,
    demo_people: list[DemoPatientRead],
    fresh_engine: Engine,
    knowledge: Knowledge,
) -> None:
    for person in demo_people:
        before = export(demo_engine, person.id)
        result = import_into(fresh_engine, before, knowledge)
        after = export(fresh_engine, result.patient_id)
        assert result.notices == []
        assert result.checkins == person.checkins
        assert result.plan_versions == person.plan_versions
        assert ids_aside(after) == ids_aside(before), person.name


def _store(engine: Engine, record: dict[str, Any], knowledge: Knowledge) -> str:
    """Store a generated record through the services; the new patient's id."""
    with unit_of_work(engine) as session:
        patient = create_patient(session, data=PatientCreate(display_name=record["name"]))
        intake = Intake.model_validate(record["intake"])
        at = dt.datetime.combine(START, dt.time(9), tzinfo=dt.UTC)
        result = assess_patient(
            session, patient_id=patient.id, intake=intake, knowledge=knowledge, at=at
        )
        items = [item["id"] for item in result.plan_version.plan["items"]]
        checkins = [CheckInCreate.model_validate(c) for c in record["checkins"]]
        last = dt.date.today()  # every generated day lies between START and today
        tracking.import_checkins(session, patient_id=patient.id, data=checkins, today=last)
        logs = [
            SessionLogCreate(
                date=START + dt.timedelta(days=day),
                item_id=items[pick % len(items)],
                duration_seconds=seconds,
                felt=felt,
                stopped_early=stopped,
                stop_reason="It hurt" if stopped else None,
            )
            for day, seconds, felt, stopped, pick in record["sessions"]
        ]
        if logs:
            tracking.record_sessions(session, patient_id=patient.id, data=logs)
        for measure in record["measures"]:
            data = MeasureCreate.model_validate(measure)
            tracking.record_measure(session, patient_id=patient.id, data=data, today=last)
        for kind, resolved in record["alerts"]:
            alert = tracking.raise_alert(
                session, patient_id=patient.id, data=AlertCreate(kind=kind, detail={"why": kind})
            )
            if resolved:
                tracking.resolve_alert(session, patient_id=patient.id, alert_id=alert.id)
        return patient.id


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(record=records())
def test_generated_records_come_back_the_same(
    fresh_engine: Engine, knowledge: Knowledge, record: dict[str, Any]
) -> None:
    patient_id = _store(fresh_engine, record, knowledge)
    before = export(fresh_engine, patient_id)
    # Generated text holds every kind of space a person may type (strings.py).
    assert bundle_schema_errors(before) == []
    result = import_into(fresh_engine, before, knowledge)
    assert ids_aside(export(fresh_engine, result.patient_id)) == ids_aside(before)


def test_imported_plan_versions_keep_their_numbers_authors_and_assessment(
    demo_engine: Engine,
    demo_people: list[DemoPatientRead],
    fresh_engine: Engine,
    knowledge: Knowledge,
) -> None:
    maria = next(p for p in demo_people if "chronic" in p.name)
    result = import_into(fresh_engine, export(demo_engine, maria.id), knowledge)
    with read_only(demo_engine) as session:
        old = plan_history(session, patient_id=maria.id)
    with read_only(fresh_engine) as session:
        new = plan_history(session, patient_id=result.patient_id)
    keep = ("version", "plan", "created_by", "reason", "reviewed_on", "flare_until", "created_at")
    assert [v.model_dump(include=set(keep)) for v in new] == [
        v.model_dump(include=set(keep)) for v in old
    ]
    assert new[0].assessment_id is not None


def test_a_bundle_imported_for_an_existing_patient_becomes_their_next_assessment(
    demo_engine: Engine,
    demo_people: list[DemoPatientRead],
    fresh_engine: Engine,
    knowledge: Knowledge,
) -> None:
    bundle = export(demo_engine, demo_people[0].id)
    with unit_of_work(fresh_engine) as session:
        patient = create_patient(session, data=PatientCreate(display_name="Ann Example"))
        result = import_fhir(
            session, raw=_bytes(bundle), knowledge=knowledge, patient_id=patient.id
        )
    assert (result.created, result.assessments, result.plan_versions) == (False, 1, 1)
    assert result.checkins == 0
    with read_only(fresh_engine) as session:
        versions = plan_history(session, patient_id=patient.id)
        stored = latest_assessment(session, patient_id=patient.id)
        assert tracking.list_checkins(session, patient_id=patient.id) == []
    assert [v.created_by for v in versions] == ["import"]
    with read_only(demo_engine) as session:
        given = latest_assessment(session, patient_id=demo_people[0].id)
    assert stored is not None
    assert given is not None
    assert stored.intake == given.intake


def _bytes(bundle: dict[str, Any]) -> bytes:
    return json.dumps(bundle).encode()


def _give_care(engine: Engine, patient_id: str, care: dict[str, Any]) -> None:
    """The generated team, notes and conversations, through the services."""
    professions = [Profession.PHYSIOTHERAPIST, Profession.MASSAGE_THERAPIST, Profession.DOCTOR]
    team = [clinician(engine, f"c{n}", professions[n]) for n in range(care["clinicians"])]
    with unit_of_work(engine) as session:
        for number, actor in enumerate(team):
            grants.grant(
                session,
                clinician=actor.name,
                patient_id=patient_id,
                by=operator(),
                source="test",
                now=AT + dt.timedelta(hours=number),
                whole_record=number % 2 == 0,
            )
        lead = team[care["lead"]]
        assert lead.account_id is not None
        live = team_rows.live_grant_of(session, patient_id, lead.account_id)
        assert live is not None
        team_rows.set_lead(session, patient_id, live.id)
        if care["left"] and len(team) > 1:
            gone = team[-1] if team[-1] is not lead else team[0]
            grants.revoke(
                session,
                clinician=gone.name,
                patient_id=patient_id,
                by=operator(),
                source="test",
                now=AT + dt.timedelta(days=3),
            )
    for day, written in enumerate(care["notes"]):
        visibility = Visibility(written["visibility"])
        sign = written["sign"] or bool(written["addenda"])
        made = note(
            engine,
            patient_id,
            team[written["author"]],
            written["body"],
            visibility=visibility,
            sign=sign,
            kind=NoteKind(written["kind"]),
            day=day,
        )
        for who, words in written["addenda"]:
            # Only who may read a note amends it: an author-only note, its author.
            by = written["author"] if visibility is Visibility.AUTHOR else who
            addendum(engine, patient_id, made, team[by], words, day=day)
    person = Actor(kind=Kind.PERSON, name=f"person-{patient_id[:6]}", patient_id=patient_id)
    for day, thread in enumerate(care["threads"]):
        said = [(person if who < 0 else team[who], words) for who, words in thread["said"]]
        conversation(engine, patient_id, thread["subject"], said, day=day)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(record=records(), care=care())
def test_generated_records_with_a_team_notes_and_messages_come_back_the_same(
    fresh_engine: Engine, knowledge: Knowledge, record: dict[str, Any], care: dict[str, Any]
) -> None:
    patient_id = _store(fresh_engine, record, knowledge)
    _give_care(fresh_engine, patient_id, care)
    before = export(fresh_engine, patient_id)
    kinds = [r["resourceType"] for r in resources(before)]
    notes = len(care["notes"]) + sum(len(n["addenda"]) for n in care["notes"])
    assert kinds.count("DocumentReference") == notes
    assert kinds.count("Communication") == sum(len(t["said"]) for t in care["threads"])
    assert bundle_schema_errors(before) == []
    result = import_into(fresh_engine, before, knowledge)
    assert ids_aside(export(fresh_engine, result.patient_id)) == ids_aside(before)

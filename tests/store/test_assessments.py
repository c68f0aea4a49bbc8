"""Assessments are immutable snapshots; every plan change is a new numbered version."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from backcare.assessments import repository
from backcare.assessments.models import PlanVersion
from backcare.assessments.schemas import PlanVersionCreate
from backcare.assessments.service import (
    add_plan_version,
    assess_patient,
    current_plan,
    get_plan_version,
    list_assessments,
    plan_history,
)
from backcare.domain.intake import Intake
from backcare.domain.plan_model import Plan
from backcare.errors import NotFoundError
from backcare.knowledge.loader import Knowledge
from backcare.patients.schemas import PatientRead
from backcare.store.db import read_only, unit_of_work
from tests.store.helpers import count_rows


def test_an_assessment_stores_the_intake_the_engines_verdict_and_plan_version_1(
    engine: Engine, patient: PatientRead, chronic_intake: Intake, knowledge: Knowledge, plan: Plan
) -> None:
    with unit_of_work(engine) as session:
        result = assess_patient(
            session, patient_id=patient.id, intake=chronic_intake, knowledge=knowledge
        )
    with read_only(engine) as session:
        (stored,) = list_assessments(session, patient_id=patient.id)
        current = current_plan(session, patient_id=patient.id)
    assert stored == result.assessment
    assert stored.intake == chronic_intake.model_dump(mode="json")
    assert stored.triage == plan.triage.model_dump(mode="json")
    assert stored.classification == plan.classification.model_dump(mode="json")
    assert stored.knowledge_version == knowledge.version
    assert current is not None
    assert (current.version, current.assessment_id) == (1, stored.id)
    assert current.plan == plan.model_dump(mode="json")
    assert current.as_plan() == plan


def test_each_new_plan_is_the_next_version_and_old_versions_stay_readable(
    engine: Engine, patient: PatientRead, plan: Plan
) -> None:
    reasons = ["first", "pain down: progressed", "flare-up: relief plan"]
    with unit_of_work(engine) as session:
        for reason in reasons:
            data = PlanVersionCreate(plan=plan, created_by="weekly-review", reason=reason)
            add_plan_version(session, patient_id=patient.id, data=data)
    with read_only(engine) as session:
        history = plan_history(session, patient_id=patient.id)
        current = current_plan(session, patient_id=patient.id)
        second = get_plan_version(session, patient_id=patient.id, version=2)
    assert [(v.version, v.reason) for v in history] == list(enumerate(reasons, start=1))
    assert current is not None
    assert current.version == 3
    assert second.reason == reasons[1]
    assert second.created_by == "weekly-review"


def test_a_patient_without_an_assessment_has_no_current_plan(
    engine: Engine, patient: PatientRead
) -> None:
    with read_only(engine) as session:
        assert current_plan(session, patient_id=patient.id) is None
        with pytest.raises(NotFoundError, match="no plan version 1"):
            get_plan_version(session, patient_id=patient.id, version=1)


def test_assessing_an_unknown_patient_writes_nothing(
    engine: Engine, chronic_intake: Intake, knowledge: Knowledge
) -> None:
    with pytest.raises(NotFoundError), unit_of_work(engine) as session:
        assess_patient(session, patient_id="0" * 32, intake=chronic_intake, knowledge=knowledge)
    assert count_rows(engine, "assessments") == 0


def test_the_database_refuses_two_plans_with_the_same_number(
    engine: Engine, patient: PatientRead, plan: Plan
) -> None:
    document = plan.model_dump(mode="json")

    def two_versions_numbered_1() -> None:
        with unit_of_work(engine) as session:
            for _ in range(2):
                row = PlanVersion(
                    patient_id=patient.id, version=1, plan=document, created_by="x", reason="y"
                )
                repository.add_plan_version(session, row)

    with pytest.raises(IntegrityError):
        two_versions_numbered_1()
    assert count_rows(engine, "plan_versions") == 0


def test_a_failure_half_way_through_an_assessment_leaves_no_partial_rows(
    engine: Engine,
    patient: PatientRead,
    chronic_intake: Intake,
    knowledge: Knowledge,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fail_after_the_snapshot(*_args: object) -> PlanVersion:
        raise RuntimeError("disk full")

    def assess() -> None:
        with unit_of_work(engine) as session:
            assess_patient(
                session, patient_id=patient.id, intake=chronic_intake, knowledge=knowledge
            )

    monkeypatch.setattr(repository, "add_plan_version", fail_after_the_snapshot)
    with pytest.raises(RuntimeError, match="disk full"):
        assess()
    assert count_rows(engine, "assessments") == 0
    assert count_rows(engine, "plan_versions") == 0


def test_plan_versions_refuse_an_empty_reason(plan: Plan) -> None:
    with pytest.raises(ValueError, match="reason"):
        PlanVersionCreate(plan=plan, created_by="x", reason=" ")

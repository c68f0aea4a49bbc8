"""FHIR export: valid R4B by the official schema and the models, with the standard codes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine

from backcare.demo.service import DemoPatientRead
from backcare.interop.fhir.codes import LOINC, SNOMED
from backcare.interop.fhir.export import record_bundle
from backcare.interop.fhir.models import model_class
from backcare.records.service import load_record
from backcare.store.db import read_only
from tests.interop.bundles import export, important_change, resources
from tests.interop.fhir_schema import bundle_schema_errors

NOW = dt.datetime(2024, 5, 16, 8, tzinfo=dt.UTC)


def _codes(concept: dict[str, object]) -> set[tuple[object, object]]:
    return {(c["system"], c["code"]) for c in concept.get("coding", [])}  # type: ignore[union-attr,index]


def test_every_resource_of_every_demo_person_passes_the_r4b_schema_and_is_what_its_model_writes(
    demo_engine: Engine, demo_people: list[DemoPatientRead]
) -> None:
    for person in demo_people:
        with read_only(demo_engine) as session:
            record = load_record(session, patient_id=person.id)
        bundle = record_bundle(record, now=NOW, change=important_change())
        assert bundle_schema_errors(bundle) == [], person.name
        for resource in resources(bundle):
            model = model_class(resource["resourceType"]).model_validate(resource)
            assert model.model_dump(mode="json") == resource, resource["id"]


def test_conditions_carry_snomed_low_back_pain_and_sciatica_only_when_radicular(
    demo_engine: Engine, demo_people: list[DemoPatientRead]
) -> None:
    found = {}
    for person in demo_people:
        conditions = resources(export(demo_engine, person.id), "Condition")
        found[person.name] = {c["code"]["coding"][0]["code"] for c in conditions}
        assert all(c["code"]["coding"][0]["system"] == SNOMED for c in conditions)
    sciatica = next(name for name in found if "sciatica" in name)
    assert found[sciatica] == {"279039007", "23056005"}
    assert all(codes == {"279039007"} for name, codes in found.items() if name != sciatica)


def test_each_check_in_is_a_loinc_pain_score_and_each_peg_a_panel_with_its_score(
    demo_engine: Engine, demo_people: list[DemoPatientRead]
) -> None:
    bundle = export(demo_engine, demo_people[0].id)
    observations = resources(bundle, "Observation")
    pain = [o for o in observations if (LOINC, "72514-3") in _codes(o["code"])]
    assert len(pain) == demo_people[0].checkins
    assert all(0 <= o["valueInteger"] <= 10 for o in pain)
    peg = [o for o in observations if (LOINC, "91148-7") in _codes(o["code"])]
    assert len(peg) == 12
    for panel in peg:
        scores = [c for c in panel["component"] if (LOINC, "91147-9") in _codes(c["code"])]
        items = [c["valueInteger"] for c in panel["component"] if "valueInteger" in c]
        assert len(scores) == 1
        assert scores[0]["valueQuantity"]["value"] == round(sum(items) / 3, 2)


def test_every_plan_version_is_a_care_plan_with_one_activity_per_item_and_only_the_last_active(
    demo_engine: Engine, demo_people: list[DemoPatientRead]
) -> None:
    for person in demo_people:
        bundle = export(demo_engine, person.id)
        plans = resources(bundle, "CarePlan")
        assert len(plans) == person.plan_versions
        assert [p["status"] for p in plans] == ["revoked"] * (len(plans) - 1) + ["active"]
        for plan, older in zip(plans[1:], plans, strict=False):
            assert plan["replaces"] == [{"reference": f"urn:uuid:{older['id']}"}]
        referrals = resources(bundle, "ServiceRequest")
        active = [a for a in plans[-1]["activity"] if "reference" in a]
        assert len(active) == len(referrals)


def test_the_triage_of_each_assessment_is_a_risk_assessment_naming_its_flags(
    demo_engine: Engine, demo_people: list[DemoPatientRead]
) -> None:
    leah = next(p for p in demo_people if "saddle" in p.name)
    risks = resources(export(demo_engine, leah.id), "RiskAssessment")
    levels = [r["prediction"][0]["outcome"]["coding"][0]["code"] for r in risks]
    assert levels[-1] == "emergency"
    flags = [p["outcome"]["text"] for p in risks[-1]["prediction"][1:]]
    assert any("numbness" in flag.lower() for flag in flags)


def test_the_questionnaire_asks_the_intake_questions_and_the_responses_answer_them(
    demo_engine: Engine, demo_people: list[DemoPatientRead]
) -> None:
    bundle = export(demo_engine, demo_people[0].id)
    (questionnaire,) = resources(bundle, "Questionnaire")
    items = {item["linkId"]: item for item in questionnaire["item"]}
    assert items["pain_now"]["text"].startswith("How bad is your back pain right now")
    assert items["age"]["required"] is True
    assert items["numbness"]["repeats"] is True
    assert items["preferences"]["type"] == "group"
    (response,) = resources(bundle, "QuestionnaireResponse")
    answered = {item["linkId"] for item in response["item"]}
    assert {"age", "duration_weeks", "pain_now"} <= answered <= set(items)
    assert response["questionnaire"] == f"{questionnaire['url']}|{questionnaire['version']}"


def test_exporting_twice_gives_the_same_bundle_apart_from_its_time(
    demo_engine: Engine, demo_people: list[DemoPatientRead]
) -> None:
    first, second = (export(demo_engine, demo_people[1].id) for _ in range(2))
    assert first["entry"] == second["entry"]

"""Malformed or unsupported Bundles are refused with one sentence naming the resource and
field, before anything is written."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import Engine

from backcare.demo.service import DemoPatientRead
from backcare.errors import InvalidInputError
from backcare.interop.fhir.limits import API_MAX_BYTES
from backcare.knowledge.loader import Knowledge
from tests.interop.bundles import edited, export, import_into, resources
from tests.store.helpers import row_counts

Bundle = dict[str, Any]


@pytest.fixture
def bundle(demo_engine: Engine, demo_people: list[DemoPatientRead]) -> Bundle:
    """Sam's record (the acute strain), to spoil."""
    return export(demo_engine, demo_people[0].id)


def _first(bundle: Bundle, kind: str) -> dict[str, Any]:
    return resources(bundle, kind)[0]


def _refused(engine: Engine, bundle: Bundle | bytes, knowledge: Knowledge) -> str:
    before = row_counts(engine)
    with pytest.raises(InvalidInputError) as caught:
        import_into(engine, bundle, knowledge)
    assert row_counts(engine) == before, "a refused import must write nothing"
    return str(caught.value)


def test_a_resource_that_is_not_a_bundle_is_refused(
    bundle: Bundle, fresh_engine: Engine, knowledge: Knowledge
) -> None:
    message = _refused(fresh_engine, _first(bundle, "Patient"), knowledge)
    assert message == "Bundle.resourceType: expected 'Bundle', found 'Patient'."


def test_an_unsupported_resource_type_is_refused_by_name(
    bundle: Bundle, fresh_engine: Engine, knowledge: Knowledge
) -> None:
    spoiled = edited(bundle)
    spoiled["entry"][3]["resource"] = {"resourceType": "MedicationRequest", "id": "m1"}
    message = _refused(fresh_engine, spoiled, knowledge)
    assert message.startswith("Bundle.entry[3] (MedicationRequest).resourceType: ")
    assert "not a resource Backcare reads" in message


def test_an_observation_without_a_subject_is_refused(
    bundle: Bundle, fresh_engine: Engine, knowledge: Knowledge
) -> None:
    spoiled = edited(bundle)
    del _first(spoiled, "Observation")["subject"]
    message = _refused(fresh_engine, spoiled, knowledge)
    assert "(Observation).subject: is missing" in message


def test_a_subject_that_is_another_patient_is_refused(
    bundle: Bundle, fresh_engine: Engine, knowledge: Knowledge
) -> None:
    spoiled = edited(bundle)
    _first(spoiled, "Flag" if resources(spoiled, "Flag") else "Observation")["subject"] = {
        "reference": "Patient/someone-else"
    }
    assert "is not the Bundle's Patient" in _refused(fresh_engine, spoiled, knowledge)


def test_a_status_outside_its_value_set_is_refused_though_the_model_accepts_it(
    bundle: Bundle, fresh_engine: Engine, knowledge: Knowledge
) -> None:
    spoiled = edited(bundle)
    _first(spoiled, "Observation")["status"] = "done"
    message = _refused(fresh_engine, spoiled, knowledge)
    assert "(Observation).status: 'done' is not one of" in message


def test_a_null_code_is_refused_though_the_model_accepts_it(
    bundle: Bundle, fresh_engine: Engine, knowledge: Knowledge
) -> None:
    spoiled = edited(bundle)
    _first(spoiled, "Observation")["code"] = None
    message = _refused(fresh_engine, spoiled, knowledge)
    assert "(Observation).code: needs a coding with a system and a code." in message


def test_a_condition_code_backcare_does_not_know_is_refused(
    bundle: Bundle, fresh_engine: Engine, knowledge: Knowledge
) -> None:
    spoiled = edited(bundle)
    _first(spoiled, "Condition")["code"]["coding"][0]["code"] = "73211009"
    message = _refused(fresh_engine, spoiled, knowledge)
    assert "(Condition).code: Backcare knows the SNOMED CT conditions" in message


def test_an_answer_code_outside_the_question_is_refused(
    bundle: Bundle, fresh_engine: Engine, knowledge: Knowledge
) -> None:
    spoiled = edited(bundle)
    response = _first(spoiled, "QuestionnaireResponse")
    leg = next(item for item in response["item"] if item["linkId"] == "leg_pain")
    leg["answer"][0]["valueCoding"]["code"] = "three_legs"
    message = _refused(fresh_engine, spoiled, knowledge)
    assert "item[linkId=leg_pain].answer.valueCoding: 'three_legs' is not one of" in message


def test_an_answer_out_of_range_is_refused_naming_the_question(
    bundle: Bundle, fresh_engine: Engine, knowledge: Knowledge
) -> None:
    spoiled = edited(bundle)
    response = _first(spoiled, "QuestionnaireResponse")
    pain = next(item for item in response["item"] if item["linkId"] == "pain_now")
    pain["answer"][0]["valueInteger"] = 11
    message = _refused(fresh_engine, spoiled, knowledge)
    assert "(QuestionnaireResponse).item: the answers are not a valid intake (pain_now:" in message


def test_a_check_in_with_a_pain_score_above_ten_is_refused(
    bundle: Bundle, fresh_engine: Engine, knowledge: Knowledge
) -> None:
    spoiled = edited(bundle)
    _first(spoiled, "Observation")["valueInteger"] = 12
    message = _refused(fresh_engine, spoiled, knowledge)
    assert "(Observation).value: cannot be stored (pain_now:" in message


def test_input_over_ten_megabytes_is_refused_before_it_is_read(
    fresh_engine: Engine, knowledge: Knowledge
) -> None:
    raw = b'{"resourceType": "Bundle", "pad": "' + b"x" * API_MAX_BYTES + b'"}'
    message = _refused(fresh_engine, raw, knowledge)
    assert message.startswith("Bundle: the input has 10,485,")
    assert "at most 10 MB" in message


@pytest.mark.parametrize("levels", [60, 100_000])
def test_deeply_nested_input_is_refused(
    fresh_engine: Engine, knowledge: Knowledge, levels: int
) -> None:
    raw = b'{"resourceType": "Bundle", "x": ' + b"[" * levels + b"]" * levels + b"}"
    message = _refused(fresh_engine, raw, knowledge)
    assert "nests more than 40 levels deep" in message


def test_nested_extensions_in_a_resource_are_refused(
    bundle: Bundle, fresh_engine: Engine, knowledge: Knowledge
) -> None:
    spoiled = edited(bundle)
    extension: dict[str, Any] = {"url": "urn:x", "valueString": "deep"}
    for _ in range(50):
        extension = {"url": "urn:x", "extension": [extension]}
    _first(spoiled, "Patient")["extension"] = [extension]
    assert "nests more than 40 levels deep" in _refused(fresh_engine, spoiled, knowledge)


def test_text_that_is_not_json_is_refused(fresh_engine: Engine, knowledge: Knowledge) -> None:
    message = _refused(fresh_engine, b"<Bundle/>", knowledge)
    assert message.startswith("Bundle: the file is not valid JSON")


def test_a_plan_with_exercise_at_emergency_level_is_refused(
    demo_engine: Engine,
    demo_people: list[DemoPatientRead],
    fresh_engine: Engine,
    knowledge: Knowledge,
) -> None:
    leah = next(p for p in demo_people if "saddle" in p.name)
    spoiled = export(demo_engine, leah.id)
    safety_plan = resources(spoiled, "CarePlan")[-1]
    first_plan = resources(spoiled, "CarePlan")[0]
    meta = json.loads(safety_plan["extension"][0]["valueString"])
    earlier = json.loads(first_plan["extension"][0]["valueString"])
    exercise = next(i for i in earlier["plan"]["items"] if i["kind"] == "stretch")
    meta["plan"]["items"].append(exercise)
    safety_plan["extension"][0]["valueString"] = json.dumps(meta)
    same = next(
        a
        for a in first_plan["activity"]
        if a["detail"]["code"]["coding"][0]["code"] == exercise["id"]
    )
    safety_plan["activity"].append(same)
    message = _refused(fresh_engine, spoiled, knowledge)
    assert message.startswith("CarePlan (version 2): a plan at emergency level holds only")


def test_a_current_plan_milder_than_the_latest_answers_is_refused(
    demo_engine: Engine,
    demo_people: list[DemoPatientRead],
    fresh_engine: Engine,
    knowledge: Knowledge,
) -> None:
    leah = next(p for p in demo_people if "saddle" in p.name)
    spoiled = export(demo_engine, leah.id)
    plans = resources(spoiled, "CarePlan")
    spoiled["entry"] = [e for e in spoiled["entry"] if e["resource"] is not plans[-1]]
    plans[0]["status"] = "active"
    message = _refused(fresh_engine, spoiled, knowledge)
    assert "the current plan is at self_care level, but the latest answers give emergency" in (
        message
    )


def test_plan_versions_with_a_gap_are_refused(
    demo_engine: Engine,
    demo_people: list[DemoPatientRead],
    fresh_engine: Engine,
    knowledge: Knowledge,
) -> None:
    maria = next(p for p in demo_people if "chronic" in p.name)
    spoiled = export(demo_engine, maria.id)
    second = resources(spoiled, "CarePlan")[1]
    spoiled["entry"] = [e for e in spoiled["entry"] if e["resource"] is not second]
    assert "plan versions must run 1, 2, 3... without gaps" in _refused(
        fresh_engine, spoiled, knowledge
    )

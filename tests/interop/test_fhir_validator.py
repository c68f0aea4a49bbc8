"""The validator that reuses validated elements gives the plain model's verdict and message."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from backcare.errors import InvalidInputError
from backcare.interop.fhir.checks import check_codes
from backcare.interop.fhir.export import record_bundle
from backcare.interop.fhir.models import model_class, model_problem
from backcare.interop.fhir.validator import ModelValidator
from backcare.tracking.vocabulary import WarningSymptom
from tests.interop.bundles import important_change, resources
from tests.interop.memory_records import DAY, checkin, record, session_log

Resource = dict[str, Any]
JUNK = (None, "", " padded ", -1, 2**40, 1.5, True, "2024-13-40", {}, [], [None], {"x": 1})


def _resources() -> list[Resource]:
    days = [DAY + dt.timedelta(days=n) for n in range(3)]
    checkins = tuple(
        checkin(n, day, pain_now=n, warnings=[WarningSymptom.saddle_numbness] if n else [])
        for n, day in enumerate(days)
    )
    sessions = tuple(
        session_log(n, day, stopped_early=n == 1, stop_reason="tired" if n else None)
        for n, day in enumerate(days)
    )
    at = dt.datetime(2024, 4, 1, tzinfo=dt.UTC)
    bundle = record_bundle(record(checkins, sessions), now=at, change=important_change())
    return resources(bundle)


RESOURCES = _resources()


def _reference(resource: Resource) -> str | None:
    """The plain verdict: the whole resource through its model, then the code checks."""
    try:
        model_class(resource["resourceType"]).model_validate(resource)
        check_codes(resource, "it")
    except ValidationError as exc:
        return str(model_problem(exc, "it"))
    except InvalidInputError as exc:
        return str(exc)
    return None


def _verdict(validator: ModelValidator, resource: Resource) -> str | None:
    try:
        validator.check(resource, "it")
    except InvalidInputError as exc:
        return str(exc)
    return None


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a resource a value could be spoiled, but its resourceType."""
    found = [path] if path and path != ("resourceType",) else []
    children = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, child in children:
        found += _paths(child, (*path, key))
    return found


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_a_spoiled_resource_gets_the_same_verdict_as_from_the_whole_model(
    data: st.DataObject,
) -> None:
    validator = ModelValidator()
    for resource in RESOURCES:
        validator.check(resource, "it")  # every original element is now known valid
    spoiled = copy.deepcopy(data.draw(st.sampled_from(RESOURCES)))
    *parent_path, key = data.draw(st.sampled_from(_paths(spoiled)))
    parent = spoiled
    for step in parent_path:
        parent = parent[step]
    parent[key] = data.draw(st.sampled_from(JUNK))
    assert _verdict(validator, spoiled) == _reference(spoiled)


def test_an_element_seen_valid_does_not_let_a_changed_copy_through() -> None:
    validator = ModelValidator()
    day = next(r for r in RESOURCES if "component" in r and "extension" in r["component"][0])
    validator.check(day, "it")
    spoiled = copy.deepcopy(day)
    spoiled["component"][0]["extension"][0]["valueInteger"] = "very good"
    with pytest.raises(InvalidInputError) as refused:
        validator.check(spoiled, "Observation/x")
    assert str(refused.value) == _reference(spoiled).replace("it.", "Observation/x.")  # type: ignore[union-attr]

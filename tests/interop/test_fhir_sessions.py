"""A day's exercise sessions travel as one Observation, a component per plan item done."""

from __future__ import annotations

import datetime as dt

import pytest

from backcare.errors import InvalidInputError
from backcare.interop.fhir.codes import (
    CATALOG,
    SESSION_FELT_EXTENSION,
    SESSION_STOPPED_EXTENSION,
    SESSIONS,
)
from backcare.interop.fhir.export import record_bundle
from backcare.interop.fhir.parts import record_kind
from backcare.interop.fhir.sessions import read_session_day
from tests.interop.bundles import important_change, resources
from tests.interop.fhir_schema import bundle_schema_errors
from tests.interop.memory_records import AT, DAY, record, session_log

NEXT_DAY = DAY + dt.timedelta(days=1)
LOGS = (
    session_log(1, item_id="walking", duration_seconds=900, felt=8),
    session_log(2, item_id="cat_cow", duration_seconds=120, felt=6, stopped_early=True),
    session_log(
        3, item_id="bridge", duration_seconds=60, felt=3, stopped_early=True, stop_reason="Sharp"
    ),
    session_log(4, NEXT_DAY, item_id="walking", duration_seconds=1200, felt=9),
)


def _days() -> list[dict[str, object]]:
    bundle = record_bundle(record(sessions=LOGS), now=AT, change=important_change())
    assert bundle_schema_errors(bundle) == []
    return [o for o in resources(bundle, "Observation") if record_kind(o) == SESSIONS]


def test_each_day_with_sessions_is_one_observation_with_a_component_per_session() -> None:
    first, second = _days()
    assert (first["effectiveDateTime"], second["effectiveDateTime"]) == (
        DAY.isoformat(),
        NEXT_DAY.isoformat(),
    )
    components = first["component"]
    assert isinstance(components, list)
    assert [c["code"]["coding"][0] for c in components] == [
        {"system": CATALOG, "code": item} for item in ("walking", "cat_cow", "bridge")
    ]
    assert [c["valueQuantity"]["value"] for c in components] == [900, 120, 60]
    assert components[0]["extension"] == [{"url": SESSION_FELT_EXTENSION, "valueInteger": 8}]
    assert components[1]["extension"][1] == {"url": SESSION_STOPPED_EXTENSION, "valueBoolean": True}
    assert components[2]["extension"][1] == {
        "url": SESSION_STOPPED_EXTENSION,
        "valueString": "Sharp",
    }
    assert first["issued"] == "2024-03-04T19:33:00Z", "when the day's last session was entered"


def test_a_day_of_sessions_reads_back_as_the_same_logs() -> None:
    first, second = _days()
    found = read_session_day(first, "day") + read_session_day(second, "next")
    wanted = ("date", "item_id", "duration_seconds", "felt", "stopped_early", "stop_reason")
    assert [log.model_dump(include=set(wanted)) for log in found] == [
        log.model_dump(include=set(wanted)) for log in LOGS
    ]


def test_a_session_without_how_it_felt_is_refused_naming_the_component() -> None:
    first, _ = _days()
    first["component"][1]["extension"] = []  # type: ignore[index]
    with pytest.raises(InvalidInputError) as refused:
        read_session_day(first, "Bundle.entry[3] (Observation)")
    assert str(refused.value).startswith(
        "Bundle.entry[3] (Observation).component[1].extension[session-felt]: needs valueInteger"
    )


def test_a_session_measured_in_minutes_is_refused_rather_than_misread() -> None:
    first, _ = _days()
    first["component"][0]["valueQuantity"]["code"] = "min"  # type: ignore[index]
    with pytest.raises(
        InvalidInputError, match=r"component\[0\]\.valueQuantity: needs the seconds"
    ):
        read_session_day(first, "day")

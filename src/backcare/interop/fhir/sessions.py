"""A day's exercise sessions as one Observation, a component per plan item done, and back.

One Observation per day rather than one per session: two years of daily exercise is over
3,000 sessions, and a resource each made up three quarters of the Bundle, of its size and of
the time to build and check it. Each component's code is the plan item (Backcare's catalog)
and its value the seconds done; how it felt, and whether and why it was stopped early, are
extensions on the component. The Observation's ``issued`` is when the day's last session was
entered, and an import gives that time to each of the day's sessions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from itertools import groupby
from typing import Any

from backcare.interop.fhir.codes import (
    CATALOG,
    SESSION_FELT_EXTENSION,
    SESSION_STOPPED_EXTENSION,
    SESSIONS,
    concept,
    quantity,
)
from backcare.interop.fhir.ids import problem
from backcare.interop.fhir.observations import observation_base
from backcare.interop.fhir.parts import day
from backcare.tracking.schemas import SessionLogCreate, SessionLogRead

Resource = dict[str, Any]


def session_days(
    logs: Sequence[SessionLogRead], *, rid: Callable[[str], str], subject: Resource
) -> Iterator[Resource]:
    """One Observation per day with sessions (``logs`` in date order); ``rid`` ids a day."""
    for date, group in groupby(logs, key=lambda log: log.date):
        yield session_day(list(group), rid=rid(date.isoformat()), subject=subject)


def session_day(logs: Sequence[SessionLogRead], *, rid: str, subject: Resource) -> Resource:
    """The sessions of one day, in the order they were entered."""
    entered = max(log.created_at for log in logs)
    resource = observation_base(
        rid, "activity", SESSIONS, subject, logs[0].date.isoformat(), entered
    )
    resource["code"]["text"] = "Exercise sessions of the day: one component per plan item done"
    resource["component"] = [_component(log) for log in logs]
    return resource


def _component(log: SessionLogRead) -> Resource:
    extensions: list[Resource] = [{"url": SESSION_FELT_EXTENSION, "valueInteger": log.felt}]
    if log.stopped_early:
        why = {"valueString": log.stop_reason} if log.stop_reason else {"valueBoolean": True}
        extensions.append({"url": SESSION_STOPPED_EXTENSION, **why})
    return {
        "extension": extensions,
        "code": concept(CATALOG, log.item_id),
        "valueQuantity": quantity(log.duration_seconds, "s"),
    }


def read_session_day(resource: Resource, where: str) -> list[SessionLogCreate]:
    """The session logs an Observation of a day's sessions holds."""
    date = day(resource, where)
    components = resource.get("component") or []
    if not components:
        raise problem(where, "component", "is missing; each session is a component.")
    return [
        _read_component(component, f"{where}.component[{number}]", date)
        for number, component in enumerate(components)
    ]


def _read_component(component: Resource, where: str, date: Any) -> SessionLogCreate:
    extensions = {e.get("url"): e for e in component.get("extension", [])}
    felt = extensions.get(SESSION_FELT_EXTENSION, {}).get("valueInteger")
    if felt is None:
        raise problem(where, "extension[session-felt]", "needs valueInteger, 0 to 10.")
    item = (component.get("code", {}).get("coding") or [{}])[0]
    if item.get("system") != CATALOG:
        raise problem(where, "code", f"needs a plan item from {CATALOG}.")
    seconds = component.get("valueQuantity") or {}
    if seconds.get("code") != "s":
        raise problem(where, "valueQuantity", "needs the seconds done (UCUM code s).")
    stopped = extensions.get(SESSION_STOPPED_EXTENSION)
    return SessionLogCreate.model_validate(
        {
            "date": date,
            "item_id": item.get("code", ""),
            "duration_seconds": seconds.get("value"),
            "felt": felt,
            "stopped_early": stopped is not None and stopped.get("valueBoolean") is not False,
            "stop_reason": (stopped or {}).get("valueString"),
        }
    )

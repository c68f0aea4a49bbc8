"""Outcome measures as Observations: NPRS, the PEG panel, PSFS items and STarT Back answers."""

from __future__ import annotations

from typing import Any

from backcare.interop.fhir.codes import (
    INTAKE_ANSWER,
    LOINC,
    NPRS,
    PAIN_SEVERITY,
    PEG,
    PEG_PANEL,
    PEG_SCORE,
    PSFS,
    PSFS_ITEM,
    STARTBACK,
    STARTBACK_ITEM,
    coding,
    concept,
    quantity,
)
from backcare.interop.fhir.observations import PAIN_DISPLAY, observation_base
from backcare.interop.fhir.parts import day, one, part, parts, required
from backcare.tracking.schemas import MeasureCreate, MeasureRead

_PEG_ITEMS = ("pain", "enjoyment", "activity")
_TEXT = {
    NPRS: "Pain now, 0 to 10 (numeric rating)",
    PEG: "PEG: pain, enjoyment of life and general activity over the last week (0 to 10 each)",
    PSFS: "Patient-specific functional scale: the person's own activities (0 to 10 each)",
    STARTBACK: "STarT Back answers entered by a clinician from the official form",
}


def measure_resource(measure: MeasureRead, *, rid: str, subject: dict[str, Any]) -> dict[str, Any]:
    """One outcome measure; standard LOINC codes where they exist, Backcare's otherwise."""
    kind = measure.kind.value.lower()
    resource = observation_base(
        rid, "survey", kind, subject, measure.date.isoformat(), measure.created_at
    )
    resource["code"]["text"] = _TEXT[kind]
    resource.update(_BUILDERS[kind](measure.value))
    if kind in (NPRS, PEG):
        code, display = (PAIN_SEVERITY, PAIN_DISPLAY) if kind == NPRS else (PEG_PANEL, None)
        resource["code"]["coding"].insert(0, coding(LOINC, code, display))
    return resource


def _nprs(value: dict[str, Any]) -> dict[str, Any]:
    return {"valueInteger": value["score"]}


def _peg(value: dict[str, Any]) -> dict[str, Any]:
    score = {"code": {"coding": [coding(LOINC, PEG_SCORE)], "text": "PEG score (mean)"}}
    score["valueQuantity"] = quantity(value["mean"], "{score}")
    items = [part(f"peg-{name}", "valueInteger", value[name]) for name in _PEG_ITEMS]
    return {"component": [score, *items]}


def _psfs(value: dict[str, Any]) -> dict[str, Any]:
    items = [
        {
            "code": {"coding": [coding(PSFS_ITEM, str(number))], "text": activity["activity"]},
            "valueInteger": activity["score"],
        }
        for number, activity in enumerate(value["activities"], start=1)
    ]
    return {"valueQuantity": quantity(value["mean"], "{score}"), "component": items}


def _startback(value: dict[str, Any]) -> dict[str, Any]:
    answers = value["answers"]
    items = [
        part(topic, "valueBoolean", answer, STARTBACK_ITEM)
        for topic, answer in answers.items()
        if topic != "bothersomeness"
    ]
    bother = concept(f"{INTAKE_ANSWER}/Bother", answers["bothersomeness"])
    items.append(part("bothersomeness", "valueCodeableConcept", bother, STARTBACK_ITEM))
    score = value["score"]
    items.append(part("distress", "valueInteger", score["distress"]))
    items.append(part("risk", "valueString", score["risk"]))
    return {"valueInteger": score["total"], "component": items}


_BUILDERS = {NPRS: _nprs, PEG: _peg, PSFS: _psfs, STARTBACK: _startback}


def read_measure(resource: dict[str, Any], kind: str, where: str) -> MeasureCreate:
    """The measure an Observation holds; derived scores are computed again, not trusted."""
    value = _READERS[kind](resource, where)
    return MeasureCreate.model_validate({"date": day(resource, where), "value": value})


def _read_nprs(resource: dict[str, Any], where: str) -> dict[str, Any]:
    return {"kind": "NPRS", "score": required(resource, "valueInteger", where)}


def _read_peg(resource: dict[str, Any], where: str) -> dict[str, Any]:
    found = parts(resource)
    items = {name: one(found, f"peg-{name}", "valueInteger", where) for name in _PEG_ITEMS}
    return {"kind": "PEG", **items}


def _read_psfs(resource: dict[str, Any], _where: str) -> dict[str, Any]:
    activities = [
        {"activity": c.get("code", {}).get("text", ""), "score": c.get("valueInteger")}
        for c in resource.get("component", [])
    ]
    return {"kind": "PSFS", "activities": activities}


def _read_startback(resource: dict[str, Any], where: str) -> dict[str, Any]:
    found = parts(resource, STARTBACK_ITEM)
    answers: dict[str, Any] = {
        topic: one(found, topic, "valueBoolean", where)
        for topic in found
        if topic != "bothersomeness"
    }
    bother = one(found, "bothersomeness", "valueCodeableConcept", where)
    answers["bothersomeness"] = (bother.get("coding") or [{}])[0].get("code")
    return {"kind": "STARTBACK", "answers": answers}


_READERS = {NPRS: _read_nprs, PEG: _read_peg, PSFS: _read_psfs, STARTBACK: _read_startback}
MEASURE_KINDS = frozenset(_READERS)

"""The golden record: each generated intake with its triage and plan, as JSON lines.

One line per intake, ``{"intake": ..., "triage": ..., "plan": ...}``; the triage and the plan
are the engine's own JSON (``model_dump_json``), byte for byte, so any change to what a person
is told shows as a changed line. The file is xz-compressed: the plans repeat a lot, and 110 MB
of JSON becomes well under a megabyte.
"""

from __future__ import annotations

import json
import lzma
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from backcare.domain.intake import Intake
from backcare.domain.plan.builder import build_plan
from backcare.domain.triage import triage
from backcare.knowledge.loader import Knowledge

GOLDEN_FILE = Path(__file__).with_name("plans.jsonl.xz")


def golden_line(answers: dict[str, Any], knowledge: Knowledge) -> str:
    """One intake's line: its answers, the triage result and the plan, as the engine writes them."""
    intake = Intake.model_validate(answers)
    result = triage(intake, knowledge).model_dump_json()
    plan = build_plan(intake, knowledge).model_dump_json()
    given = json.dumps(answers, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return f'{{"intake":{given},"triage":{result},"plan":{plan}}}'


def golden_lines(intakes: Iterable[dict[str, Any]], knowledge: Knowledge) -> Iterator[str]:
    for answers in intakes:
        yield golden_line(answers, knowledge)


def read_golden(path: Path = GOLDEN_FILE) -> list[str]:
    with lzma.open(path, "rt", encoding="utf-8") as file:
        return file.read().splitlines()


def write_golden(lines: Iterable[str], path: Path = GOLDEN_FILE) -> None:
    # preset 6 (xz's default) with the same input gives the same bytes, so an unchanged
    # behaviour leaves the committed file unchanged.
    with lzma.open(path, "wt", encoding="utf-8", preset=6) as file:
        for line in lines:
            file.write(line + "\n")


def recorded_intake(line: str) -> dict[str, Any]:
    """The answers a golden line was made from."""
    answers: dict[str, Any] = json.loads(line)["intake"]
    return answers

"""Golden plans: 3,000 seeded intakes give, byte for byte, the triage and plan recorded at
commit f9d66ce. A refactoring must leave every line unchanged; a change of behaviour that an
issue asks for regenerates the file (tests/golden/regenerate.py) and says so."""

from __future__ import annotations

import difflib
import json

from backcare.knowledge.loader import Knowledge
from tests.golden.intakes import COUNT
from tests.golden.plans import golden_line, read_golden, recorded_intake


def test_every_recorded_intake_gives_the_recorded_triage_and_plan(knowledge: Knowledge) -> None:
    recorded = read_golden()
    assert len(recorded) == COUNT
    changed = [
        (number, line, now)
        for number, line in enumerate(recorded, start=1)
        if (now := golden_line(recorded_intake(line), knowledge)) != line
    ]
    assert not changed, _describe(changed)


def test_the_recorded_intakes_cover_every_triage_level_and_most_red_flags(
    knowledge: Knowledge,
) -> None:
    triages = [json.loads(line)["triage"] for line in read_golden()]
    assert {t["level"] for t in triages} == {"emergency", "urgent", "soon", "self_care"}
    fired = {flag["id"] for t in triages for flag in t["red_flags"]}
    every_rule = {compiled.rule.id for compiled in knowledge.rules}
    assert len(fired) >= 0.9 * len(every_rule), sorted(every_rule - fired)


def _describe(changed: list[tuple[int, str, str]]) -> str:
    number, line, now = changed[0]
    was = json.dumps(json.loads(line), indent=1, sort_keys=True).splitlines()
    is_ = json.dumps(json.loads(now), indent=1, sort_keys=True).splitlines()
    diff = "\n".join(list(difflib.unified_diff(was, is_, "golden", "now", lineterm=""))[:60])
    return f"{len(changed)} of the golden intakes changed; the first, line {number}:\n{diff}"

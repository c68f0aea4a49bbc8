"""Rewrite the golden plans (tests/golden/plans.jsonl.xz) from the current code.

    uv run python -m tests.golden.regenerate

Only for a change in behaviour that an issue asked for: the golden test exists to show that a
refactoring changed nothing a person is told. Say in the commit message which issue asked for
the change and why the plans differ. The intakes are drawn afresh from the questionnaire with
the fixed seed (tests/golden/intakes.py), so a new question changes them too.
"""

from __future__ import annotations

import collections
import json

from backcare.engine import default_knowledge
from tests.golden.intakes import golden_intakes
from tests.golden.plans import GOLDEN_FILE, golden_lines, write_golden


def main() -> None:
    lines = list(golden_lines(golden_intakes(), default_knowledge()))
    write_golden(lines)
    levels = collections.Counter(json.loads(line)["triage"]["level"] for line in lines)
    print(f"wrote {len(lines)} intakes to {GOLDEN_FILE}: {dict(sorted(levels.items()))}")


if __name__ == "__main__":
    main()

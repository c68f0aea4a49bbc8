"""Plan-engine benchmark: plans per second and p99 latency on one core, and cold start.

Run: `uv run python bench/plan_bench.py [--count 10000] [--seed 7]`.
Targets (issue 2): >= 2,000 plans/s and p99 < 5 ms; the figures are printed, not asserted.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from typing import Any

from backcare.domain.intake import Activity, Condition, Equipment, Intake, Work
from backcare.engine import build_plan, default_knowledge

_FLAGS = (
    "fever",
    "cancer_history",
    "osteoporosis",
    "leg_pain_below_knee",
    "treatment_not_helped",
    "unexplained_weight_loss",
    "bladder_bowel_change",
)


def random_intake(rng: random.Random) -> dict[str, Any]:
    """A plausible intake; about one in ten carries a warning answer."""
    data: dict[str, Any] = {
        "age": rng.randint(16, 95),
        "duration_weeks": round(rng.uniform(0, 104), 1),
        "pain_now": rng.randint(0, 10),
        "leg_pain": rng.choice(["none", "none", "one_leg", "both_legs"]),
        "conditions": rng.sample([c.value for c in Condition], rng.randint(0, 2)),
        "preferences": {
            "minutes_per_day": rng.choice([10, 20, 30, 45, 60]),
            "days_per_week": rng.randint(1, 7),
            "equipment": rng.sample([e.value for e in Equipment], rng.randint(0, 5)),
            "partner_available": rng.random() < 0.4,
            "activities": rng.sample([a.value for a in Activity], rng.randint(0, 3)),
            "work": rng.choice([w.value for w in Work]),
        },
    }
    if rng.random() < 0.1:
        data[rng.choice(_FLAGS)] = True
    return data


def measure(count: int, seed: int) -> None:
    rng = random.Random(seed)
    intakes = [Intake.model_validate(random_intake(rng)) for _ in range(count)]
    knowledge = default_knowledge()
    build_plan(intakes[0], knowledge)  # warm caches the way a running server would be
    latencies = []
    start = time.perf_counter()
    for intake in intakes:
        t0 = time.perf_counter()
        build_plan(intake, knowledge)
        latencies.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - start
    latencies.sort()
    p99 = latencies[int(0.99 * (len(latencies) - 1))]
    print(f"plans: {count}  elapsed: {elapsed:.2f} s  throughput: {count / elapsed:,.0f} plans/s")
    print(
        f"latency ms: median {statistics.median(latencies) * 1e3:.2f}  "
        f"p99 {p99 * 1e3:.2f}  max {latencies[-1] * 1e3:.2f}"
    )


def cold_start() -> None:
    """Import the engine, load the knowledge and build one plan in a fresh interpreter."""
    code = (
        "import time; t=time.perf_counter();"
        "from backcare.engine import plan_document;"
        "plan_document({'age': 40, 'duration_weeks': 20, 'pain_now': 5});"
        "print(f'{time.perf_counter()-t:.3f}')"
    )
    runs = [
        float(subprocess.check_output([sys.executable, "-c", code], text=True)) for _ in range(3)
    ]
    print(
        f"import + first plan (fresh process, 3 runs): best {min(runs) * 1e3:.0f} ms, "
        f"worst {max(runs) * 1e3:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the issue asks
    measure(args.count, args.seed)
    cold_start()


if __name__ == "__main__":
    main()

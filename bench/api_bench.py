"""HTTP benchmark: Backcare's signed-in API against the same app with no access control.

    uv run python bench/api_bench.py [--seconds 5] [--rounds 3] [--connections 16]
                                     [--workers 1] [--no-postgres]

For SQLite and PostgreSQL, uvicorn (--workers, default 1; access log off) serves Backcare's
app, then the bare app of bench/bare_app.py (the same routes and work with no authentication,
authorization, audit or security middleware), on 127.0.0.1. wrk (or, without it, an async httpx
client) keeps 16 connections busy for a fixed time on POST check-in and then GET current plan,
after a one-second warm-up, spreading requests over 16 patients in turn, as many people
checking in at once would. Backcare is called authenticated, each patient's requests with that
person's own bearer token (so every request loads the actor, asks the policy and is written to
the audit log); the bare app does no authentication at all. Prints requests/s, p50 and p99
per endpoint, and Backcare's share of the bare throughput (targets: >= 60%, p99 < 100 ms).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    from bench.api_bench_load import WRK, Figures, load
    from bench.api_bench_setup import Database, databases
except ModuleNotFoundError:  # run as `python bench/api_bench.py`: bench/ itself is on the path
    from api_bench_load import WRK, Figures, load  # type: ignore[no-redef]
    from api_bench_setup import Database, databases  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parents[1]
APPS = {
    "backcare": ("backcare.web.app:app_from_environment", "/api/v1"),
    "bare": ("bench.bare_app:create_bare_app", "/api/v1"),
}
START_TIMEOUT = 30.0
TARGET_SHARE, TARGET_P99_MS = 0.60, 100.0


def checkin_body() -> str:
    """Today's check-in, as a person checking in now sends it."""
    today = dt.date.today().isoformat()
    return json.dumps({"date": today, "pain_now": 4, "sessions_done": 1, "minutes": 20})


def server_stack() -> str:
    """What uvicorn's "auto" loop and HTTP parser pick here (uvicorn[standard] installs both)."""
    loop = "uvloop" if importlib.util.find_spec("uvloop") else "asyncio"
    http = "httptools" if importlib.util.find_spec("httptools") else "h11"
    return f"{loop} + {http}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serve(target: str, database_url: str, workers: int = 1) -> Iterator[str]:
    """uvicorn serving ``target`` (an app factory) on a free loopback port."""
    port = free_port()
    env = {**os.environ, "BACKCARE_DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)}
    # The weekly-review scheduler's passes are not request work (the same for both apps).
    env["BACKCARE_REVIEW_EVERY_MINUTES"] = "0"
    command = [sys.executable, "-m", "uvicorn", "--factory", target, "--host", "127.0.0.1"]
    command += ["--port", str(port), "--log-level", "warning", "--no-access-log"]
    command += ["--workers", str(workers)]
    process = subprocess.Popen(command, env=env, cwd=ROOT)
    try:
        wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=15)


def wait_for_port(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with code {process.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError("the server did not start in time")


def measure(db: Database, app: str, args: argparse.Namespace) -> dict[str, Figures]:
    target, prefix = APPS[app]
    seconds, conns = args.seconds, args.connections
    with serve(target, db.url, args.workers) as base:
        checkins = [f"{prefix}/patients/{p}/checkins" for p in db.patients]
        plans = [f"{prefix}/patients/{p}/plan" for p in db.patients]
        # Backcare is called as each person with their own token; the bare app has no auth.
        tokens = list(db.tokens) if app == "backcare" else None
        return {
            "POST check-in": load(base, checkins, "POST", checkin_body(), seconds, conns, tokens),
            "GET plan": load(base, plans, "GET", "", seconds, conns, tokens),
        }


def median(runs: list[Figures]) -> Figures:
    """The run with the median throughput (its own p50 and p99 go with it)."""
    return sorted(runs, key=lambda f: f.rate)[len(runs) // 2]


def report(backend: str, runs: dict[str, list[dict[str, Figures]]]) -> None:
    for endpoint in ("POST check-in", "GET plan"):
        chosen = {app: median([r[endpoint] for r in runs[app]]) for app in APPS}
        for app, f in chosen.items():
            print(
                f"{backend:10} {app:8} {endpoint:13} {f.rate:8.0f} req/s  "
                f"p50 {f.p50_ms:6.1f} ms  p99 {f.p99_ms:6.1f} ms  errors {f.errors}"
            )
        ours, bare = chosen["backcare"], chosen["bare"]
        share = ours.rate / bare.rate
        verdict = "ok" if share >= TARGET_SHARE and ours.p99_ms < TARGET_P99_MS else "MISSED"
        print(
            f"{backend:10} ratio    {endpoint:13} backcare/bare = {share:.2f} "
            f"(target >= {TARGET_SHARE:.2f}); backcare p99 {ours.p99_ms:.1f} ms "
            f"(target < {TARGET_P99_MS:.0f}) -> {verdict}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="Measured seconds per run.")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes.")
    parser.add_argument(
        "--rounds", type=int, default=3, help="Alternating rounds; the median is reported."
    )
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only.")
    args = parser.parse_args()
    client = "wrk" if WRK else "httpx (install wrk for lighter client load)"
    print(
        f"{args.connections} connections, {args.seconds:g} s a run, {args.rounds} rounds "
        f"(median shown), {args.workers} uvicorn worker(s) ({server_stack()}), client {client}"
    )
    with tempfile.TemporaryDirectory() as folder:
        for db in databases(Path(folder), args.connections, postgres=not args.no_postgres):
            # Alternate the apps, so a burst of load from elsewhere cannot favour one of them.
            runs: dict[str, list[dict[str, Figures]]] = {app: [] for app in APPS}
            for _ in range(args.rounds):
                for app in APPS:
                    runs[app].append(measure(db, app, args))
            report(db.backend, runs)


if __name__ == "__main__":
    main()

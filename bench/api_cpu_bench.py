"""CPU per request: Backcare's signed-in API against the bare endpoints, in one process.

    uv run python bench/api_cpu_bench.py [--requests 1500] [--concurrency 16] [--runs 3]
                                         [--no-postgres]

bench/api_bench.py measures throughput over HTTP, which on a machine whose cores are busy with
other work swings with whatever else runs. This one counts CPU time instead, which the rest of
the machine barely moves: the app is called directly (ASGI, no server, no client), with
``--concurrency`` requests in flight over the same 16 assessed patients (each Backcare request
with that person's own token, so every one loads the actor, asks the policy and waits for its
audit line), and the process's CPU time (all threads: the event loop, the database threads,
the audit writer) is divided by the requests. With no HTTP server in the measure, the share
it prints is lower than api_bench's would be on an idle machine: the server's own work per
request is the same for both apps and is left out.

Three apps (bench/bare_app.py): Backcare signed in; "bare", the same app and routes with
authentication, authorization, audit and the security middleware taken out (the target's
baseline: bare/backcare >= 0.60); and "raw", endpoints with no Backcare code at all (a
stricter reference). The apps take turns, 250 requests at a time, so that all three meet the
same load from the rest of the machine; each run's figures are printed, then the medians over
``--runs``: of each app's CPU a request, and of the runs' shares. The weekly-review scheduler
is off in all three (its passes are not request work).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from starlette.types import Message

from backcare.web.app import app_from_environment

try:
    from bench.api_bench import checkin_body
    from bench.api_bench_setup import Database, databases
    from bench.bare_app import create_bare_app, create_raw_app
except ModuleNotFoundError:  # run as `python bench/api_cpu_bench.py`: bench/ is on the path
    from api_bench import checkin_body  # type: ignore[no-redef]
    from api_bench_setup import Database, databases  # type: ignore[no-redef]
    from bare_app import create_bare_app, create_raw_app  # type: ignore[no-redef]

ENDPOINTS = ("POST check-in", "GET plan")
WARM_UP = 100
CHUNK = 250
"""Requests an app serves before the next takes its turn: all three meet the same load from
the rest of the machine, which moves CPU time too (shared cores and caches)."""


def _apps() -> dict[str, tuple[Callable[[], FastAPI], str]]:
    return {
        "backcare": (app_from_environment, "/api/v1"),
        "bare": (create_bare_app, "/api/v1"),
        "raw": (create_raw_app, "/raw"),
    }


async def _call(app: FastAPI, method: str, path: str, body: bytes, token: str | None) -> int:
    headers = [(b"host", b"127.0.0.1"), (b"content-type", b"application/json")]
    headers.append((b"content-length", str(len(body)).encode()))
    if token is not None:
        headers.append((b"authorization", f"Bearer {token}".encode()))
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
        "state": {},
    }
    sent = False
    status = 0

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.Event().wait()  # never disconnects
        raise AssertionError("unreachable")

    async def send(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = int(message["status"])

    await app(scope, receive, send)
    return status


async def _lane(
    app: FastAPI, request: tuple[str, str, bytes], db: Database, auth: bool, lanes: range
) -> int:
    """One in-flight request at a time, patient after patient; how many answers were not 2xx."""
    method, path_format, body = request
    bad = 0
    for n in lanes:
        i = n % len(db.patients)
        token = db.tokens[i] if auth else None
        status = await _call(app, method, path_format.format(db.patients[i]), body, token)
        bad += status >= 300
    return bad


async def _measure(
    apps: dict[str, tuple[FastAPI, str]], db: Database, requests: int, concurrency: int
) -> dict[str, dict[str, float]]:
    """CPU ms a request of each app and endpoint, the apps taking turns a chunk at a time."""
    cpu = {name: dict.fromkeys(ENDPOINTS, 0.0) for name in apps}
    async with AsyncExitStack() as stack:
        for app, _prefix in apps.values():
            await stack.enter_async_context(app.router.lifespan_context(app))
        for endpoint in ENDPOINTS:
            for name, (app, prefix) in apps.items():
                await _chunk(app, _request(endpoint, prefix), db, name, WARM_UP, concurrency)
            for turn, start in enumerate(range(0, requests, CHUNK)):
                count = min(CHUNK, requests - start)
                # Each app goes first in turn, so none always follows the same one.
                names = list(apps)[turn % len(apps) :] + list(apps)[: turn % len(apps)]
                for name in names:
                    app, prefix = apps[name]
                    started = time.process_time()
                    await _chunk(app, _request(endpoint, prefix), db, name, count, concurrency)
                    cpu[name][endpoint] += time.process_time() - started
    return {
        name: {endpoint: spent / requests * 1000 for endpoint, spent in found.items()}
        for name, found in cpu.items()
    }


def _request(endpoint: str, prefix: str) -> tuple[str, str, bytes]:
    if endpoint == "POST check-in":
        return ("POST", prefix + "/patients/{}/checkins", checkin_body().encode())
    return ("GET", prefix + "/patients/{}/plan", b"")


async def _chunk(
    app: FastAPI,
    request: tuple[str, str, bytes],
    db: Database,
    name: str,
    count: int,
    concurrency: int,
) -> None:
    """``count`` requests, ``concurrency`` in flight; raises unless every answer was 2xx."""
    lanes = [range(k, count, concurrency) for k in range(concurrency)]
    auth = name == "backcare"
    bad = sum(await asyncio.gather(*(_lane(app, request, db, auth, r) for r in lanes)))
    if bad:
        raise RuntimeError(f"{name} {request[0]} {request[1]}: {bad} answers were not 2xx")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--requests", type=int, default=1500, help="Measured requests per endpoint and app."
    )
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--runs", type=int, default=3, help="Runs; medians shown.")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only.")
    args = parser.parse_args()
    print(
        f"{args.requests} requests per endpoint and app, {args.concurrency} in flight, "
        f"in one process, apps in turn {CHUNK} requests at a time, {args.runs} run(s)"
    )
    # The weekly-review scheduler's passes are not the requests' work, and one landing in a
    # measured stretch would be charged to whichever app was running then.
    os.environ["BACKCARE_REVIEW_EVERY_MINUTES"] = "0"
    with tempfile.TemporaryDirectory() as folder:
        for db in databases(Path(folder), 16, postgres=not args.no_postgres):
            os.environ["BACKCARE_DATABASE_URL"] = db.url
            runs: list[dict[str, dict[str, float]]] = []
            for run in range(args.runs):
                apps = {name: (factory(), prefix) for name, (factory, prefix) in _apps().items()}
                cpu = asyncio.run(_measure(apps, db, args.requests, args.concurrency))
                runs.append(cpu)
                _print(db.backend, f"run {run + 1}", [cpu])
            _print(db.backend, "median", runs)


def _print(backend: str, label: str, runs: list[dict[str, dict[str, float]]]) -> None:
    """CPU a request of each app (the median over ``runs``), and the median shares."""
    for endpoint in ENDPOINTS:
        ms = {app: statistics.median(r[app][endpoint] for r in runs) for app in runs[0]}
        share = {
            other: statistics.median(r[other][endpoint] / r["backcare"][endpoint] for r in runs)
            for other in ("bare", "raw")
        }
        print(
            f"{backend:10} {label:6} {endpoint:13} backcare {ms['backcare']:5.2f} ms CPU a "
            f"request, bare {ms['bare']:5.2f} ms, raw {ms['raw']:5.2f} ms; "
            f"bare/backcare = {share['bare']:.2f}, raw/backcare = {share['raw']:.2f}"
        )


if __name__ == "__main__":
    main()

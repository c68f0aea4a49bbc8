"""Load generators for api_bench: wrk (preferred, in C) or an async httpx client.

Both keep a fixed number of connections busy for a fixed time after a warm-up, spread the
requests over the given URLs in turn, and report requests, non-2xx answers and latencies.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

WARM_UP_SECONDS = 1.0
WRK = shutil.which("wrk")
_WRK_SCRIPT = """
local paths = {paths}
local tokens = {tokens}
local body = {body}
local method = "{method}"
local n = 0
wrk.headers["Content-Type"] = "application/json"
request = function()
  n = n + 1
  local i = (n % #paths) + 1
  local headers = nil
  if #tokens > 0 then
    headers = {{["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. tokens[i]}}
  end
  return wrk.format(method, paths[i], headers, body)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %.1f %.1f\\n", summary.requests,
    e.status + e.connect + e.read + e.write + e.timeout, summary.duration,
    latency:percentile(50), latency:percentile(99)))
end
"""


@dataclass(frozen=True, slots=True)
class Figures:
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p99_ms: float

    @property
    def rate(self) -> float:
        return self.requests / self.seconds


def _lua_string(text: str) -> str:
    return json.dumps(text)


def wrk_load(
    base: str,
    paths: list[str],
    method: str,
    body: str,
    seconds: float,
    conns: int,
    tokens: list[str],
) -> Figures:
    """Run wrk twice (warm-up, then measured) and parse the measured run's summary line."""
    assert WRK is not None
    script = _WRK_SCRIPT.format(
        paths="{" + ", ".join(_lua_string(p) for p in paths) + "}",
        tokens="{" + ", ".join(_lua_string(t) for t in tokens) + "}",
        body=_lua_string(body) if body else "nil",
        method=method,
    )
    with tempfile.TemporaryDirectory() as folder:
        lua = Path(folder) / "bench.lua"
        lua.write_text(script)
        for duration in (WARM_UP_SECONDS, seconds):
            whole = max(1, round(duration))  # wrk takes whole seconds
            command = [WRK, "-t2", f"-c{conns}", f"-d{whole}s", "-s", str(lua), base]
            output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT"))
    requests, errors, micros, p50, p99 = line.split()[1:]
    # wrk reports times in microseconds.
    return Figures(
        int(requests), int(errors), int(micros) / 1e6, float(p50) / 1e3, float(p99) / 1e3
    )


async def _worker(
    client: httpx.AsyncClient,
    request: tuple[str, str, str | None],
    body: str,
    until: float,
    out: list[float],
) -> int:
    method, url, token = request
    errors = 0
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    while (start := time.perf_counter()) < until:
        response = await client.request(method, url, content=body or None, headers=headers)
        out.append((time.perf_counter() - start) * 1000)
        errors += response.status_code >= 300
    return errors


async def _httpx(
    urls: list[str],
    tokens: list[str],
    method: str,
    body: str,
    seconds: float,
    conns: int,
) -> Figures:
    limits = httpx.Limits(max_connections=conns, max_keepalive_connections=conns)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:
        for duration in (WARM_UP_SECONDS, seconds):
            until, started, latencies = time.perf_counter() + duration, time.perf_counter(), []
            jobs = [
                _worker(client, _nth(method, urls, tokens, n), body, until, latencies)
                for n in range(conns)
            ]
            errors = sum(await asyncio.gather(*jobs))
            elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100)
    return Figures(len(latencies), errors, elapsed, cuts[49], cuts[98])


def _nth(method: str, urls: list[str], tokens: list[str], n: int) -> tuple[str, str, str | None]:
    """The n-th connection's request: its URL and, when given, the matching token."""
    i = n % len(urls)
    return method, urls[i], tokens[i] if tokens else None


def load(
    base: str,
    paths: list[str],
    method: str,
    body: str,
    seconds: float,
    conns: int,
    tokens: list[str] | None = None,
) -> Figures:
    """Measured load with wrk when installed, else with httpx (which costs more client CPU).

    ``tokens[i]`` (when given) is sent as the bearer token of ``paths[i]``.
    """
    if WRK is not None:
        return wrk_load(base, paths, method, body, seconds, conns, tokens or [])
    urls = [base + p for p in paths]
    return asyncio.run(_httpx(urls, tokens or [], method, body, seconds, conns))

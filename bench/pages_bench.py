"""Page benchmark: the today, plan, progress and session pages of a person with 2 years of data.

    uv run python bench/pages_bench.py [--days 730] [--requests 60] [--warm-up 5]

Builds a person's account on a new SQLite file, with an assessment and plan version dated
``--days`` back and every day since: a check-in, the day's plan items logged on four days in
five, a weekly PEG and a four-weekly PSFS (bench/store_seed.py, the store benchmark's seeding).
Then, in process (FastAPI's TestClient, signed in as the person through the sign-in page, so
every request loads the actor, asks the policy and writes its audit line), GETs each page
``--requests`` times after a warm-up, and prints each page's median and p95 server time in
milliseconds and the bytes of its HTML over the wire, plain and compressed (requests say
``Accept-Encoding: gzip`` and ``Sec-Fetch-Site: same-origin``, as a browser on the site's own
pages does: web.compression compresses a signed-in page only then). Then each page's first
visit (bench/page_weight.py): the HTML with the stylesheets, scripts, icon and manifest it
links, and the service worker's install on top. Targets: today's median under 50 ms, and its
first visit under 30 KB over the wire.

Run from another checkout (``cd OTHER && uv run python PATH/bench/pages_bench.py``) to time
that checkout's pages on the same data; a page it does not have is reported as such.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine

try:
    from bench.page_weight import GZIP, Visit, first_visit, total
    from bench.store_seed import Seed, add_assessments, add_history
except ModuleNotFoundError:  # run as `python bench/pages_bench.py`: bench/ itself is on the path
    from page_weight import GZIP, Visit, first_visit, total  # type: ignore[no-redef]
    from store_seed import Seed, add_assessments, add_history  # type: ignore[no-redef]

from backcare.accounts.passwords import hasher_for
from backcare.accounts.repository import account_by_name
from backcare.accounts.schemas import AccountCreate
from backcare.accounts.service import create_account, set_password
from backcare.accounts.vocabulary import Role
from backcare.domain.intake import Intake
from backcare.engine import build_plan, default_knowledge
from backcare.settings import Settings
from backcare.store.db import unit_of_work
from backcare.store.migrate import open_store
from backcare.web.app import create_app

PAGES = ("today", "plan", "progress", "session")
PASSWORD = "bench horse battery staple"
USERNAME = "bench-person"
INTAKE = Intake.model_validate({"age": 45, "duration_weeks": 20, "pain_now": 6})
TODAY = dt.date(2026, 11, 25)
"""A Wednesday: a day with a session in the seeded plan, the same in every run."""


@dataclass(frozen=True, slots=True)
class Timing:
    page: str
    status: int
    median_ms: float
    p95_ms: float
    body_bytes: int
    encoding: str
    visit: Visit | None


def person_with_history(engine: Engine, settings: Settings, days: int) -> str:
    """The person's account and record, with ``days`` days of history up to TODAY."""
    with unit_of_work(engine) as session:
        data = AccountCreate(username=USERNAME, role=Role.PERSON, display_name="Bench Person")
        made = create_account(session, data=data)
        account = account_by_name(session, USERNAME)
        assert account is not None
        set_password(session, account=account, password=PASSWORD, hasher=hasher_for(settings))
    patient_id = made.patient_id
    assert patient_id is not None
    plan = build_plan(INTAKE, default_knowledge())
    first = TODAY - dt.timedelta(days=days)
    seed = Seed(intake=INTAKE, plan=plan, first=first, days=days + 1, every_item=True)
    with engine.begin() as conn:
        add_assessments(conn, [patient_id], seed)
        add_history(conn, patient_id, seed, random.Random(1))
    return patient_id


def signed_in(client: TestClient) -> TestClient:
    form = {"username": USERNAME, "password": PASSWORD, "next": "/"}
    response = client.post("/signin", data=form, follow_redirects=False)
    if response.status_code != 303:
        sys.exit(f"signing in failed: {response.status_code} {response.text[:200]}")
    return client


def time_page(client: TestClient, url: str, page: str, requests: int, warm_up: int) -> Timing:
    headers = GZIP
    for _ in range(warm_up):
        client.get(url, headers=headers)
    times: list[float] = []
    status, size, encoding = 0, 0, ""
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url, headers=headers)
        times.append((time.perf_counter() - start) * 1000)
        status = response.status_code
        size = response.num_bytes_downloaded
        encoding = response.headers.get("content-encoding", "none")
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    visit = first_visit(client, url) if status == 200 else None
    return Timing(page, status, statistics.median(times), p95, size, encoding, visit)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=730, help="days of history (default 730)")
    parser.add_argument("--requests", type=int, default=60, help="timed GETs per page")
    parser.add_argument("--warm-up", type=int, default=5, help="untimed GETs per page first")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'pages.db'}"
        settings = Settings(database_url=url, environment="test")
        engine = open_store(settings)
        patient_id = person_with_history(engine, settings, args.days)
        engine.dispose()
        app = create_app(settings, knowledge=default_knowledge(), today=lambda: TODAY)
        with TestClient(app) as client:
            signed_in(client)
            timings = [
                time_page(
                    client, f"/patients/{patient_id}/{page}", page, args.requests, args.warm_up
                )
                for page in PAGES
            ]
    print(f"{args.days} days of history, {args.requests} GETs per page, SQLite, in process")
    print(
        f"{'page':<10} {'status':>6} {'median ms':>10} {'p95 ms':>8} {'html':>8} {'wire':>7}  "
        f"{'first visit':>11} {'wire':>7}  {'+ offline':>9} {'wire':>7}"
    )
    for t in timings:
        if t.status != 200 or t.visit is None:
            print(f"{t.page:<10} {t.status:>6}  (this checkout has no such page)")
            continue
        view, everything = total(t.visit.view), total(t.visit.everything)
        print(
            f"{t.page:<10} {t.status:>6} {t.median_ms:>10.1f} {t.p95_ms:>8.1f} "
            f"{t.visit.page.plain:>8} {t.body_bytes:>7}  {view[0]:>11} {view[1]:>7}  "
            f"{everything[0]:>9} {everything[1]:>7}"
        )
    print(
        "bytes of response bodies; html: the page alone, plain and as sent (compressed); first "
        "visit: with the files it links; + offline: with the service worker's install"
    )


if __name__ == "__main__":
    main()

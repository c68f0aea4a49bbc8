"""`backcare serve`: migrate, load the demo into a new database, then run the web app."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Annotated

import typer

from backcare.cli.errors import fail
from backcare.cli.serve_policy import Exposure, link_base, refusal
from backcare.settings import Settings

DEFAULT_PORT = 8000
DEMO_PATIENTS = 4
DEMO_SEED = 1


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the ``backcare`` application."""
    app.command("serve")(serve)


def prepare_database(settings: Settings, *, demo: bool) -> bool:
    """Migrate; when the database was new and ``demo``, load the demo data. True if loaded."""
    from backcare.access.actors import operator
    from backcare.accounts.local import give_demo_access
    from backcare.demo.service import create_demo
    from backcare.engine import default_knowledge
    from backcare.store.db import make_engine, unit_of_work
    from backcare.store.migrate import current_revision, upgrade
    from backcare.store.types import utcnow

    engine = make_engine(settings)
    try:
        is_new = current_revision(engine) is None
        upgrade(engine)
        if not (is_new and demo):
            return False
        with unit_of_work(engine) as session:
            created = create_demo(
                session,
                patients=DEMO_PATIENTS,
                seed=DEMO_SEED,
                today=dt.date.today(),
                knowledge=default_knowledge(),
            )
            ids = [made.id for made in created]
            give_demo_access(session, patient_ids=ids, by=operator(), now=utcnow())
        return True
    finally:
        engine.dispose()


def start_up_links(settings: Settings, base_url: str) -> list[str]:
    """Lines to print: a one-time sign-in link for each local account without a password."""
    from backcare.accounts.links import link_url
    from backcare.accounts.local import start_up_links as links_to_print
    from backcare.store.db import make_engine, unit_of_work
    from backcare.store.types import utcnow

    engine = make_engine(settings)
    try:
        with unit_of_work(engine) as session:
            found = links_to_print(session, now=utcnow(), hours=settings.sign_in_link_hours)
    finally:
        engine.dispose()
    return [
        f"Sign in as {link.username} ({link.who}; works once, for "
        f"{settings.sign_in_link_hours} hours): {link_url(base_url, link.secret)}"
        for link in found
    ]


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = DEFAULT_PORT,
    workers: Annotated[int, typer.Option(help="Worker processes.", min=1, max=64)] = 1,
    demo: Annotated[bool, typer.Option(help="Load demo patients into a new database.")] = True,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(help="A host name people use to reach the server (repeat for more)."),
    ] = None,
    ssl_certfile: Annotated[
        Path | None, typer.Option(help="TLS certificate (PEM): serve https.", exists=True)
    ] = None,
    ssl_keyfile: Annotated[
        Path | None, typer.Option(help="TLS private key (PEM) of the certificate.", exists=True)
    ] = None,
    behind_proxy: Annotated[
        bool,
        typer.Option(help="A TLS proxy in front sends the requests (X-Forwarded-Proto)."),
    ] = False,
) -> None:
    """Serve the web app and the REST API (OpenAPI at /docs), migrating the database first.

    Beyond loopback it needs allowed host names and https (its own certificate, or a TLS
    proxy in front); see SECURITY.md.
    """
    import uvicorn

    from backcare.cli.store_edge import store_errors

    if (ssl_certfile is None) != (ssl_keyfile is None):
        fail("serve: give both --ssl-certfile and --ssl-keyfile, or neither.")
    with store_errors():
        settings = _with_hosts(Settings(), allowed_host or [])
        exposure = Exposure(host, settings.allowed_hosts, ssl_certfile is not None, behind_proxy)
        problem = refusal(exposure)
        if problem:
            fail(problem)
        if prepare_database(settings, demo=demo):
            typer.echo("New database: loaded the demo patients.")
        lines = start_up_links(settings, link_base(exposure, port))
    scheme = "https" if ssl_certfile else "http"
    typer.echo(f"Backcare is at {scheme}://{host}:{port}/ (API description at /docs).")
    for line in lines:
        typer.echo(line)
    uvicorn.run(
        "backcare.web.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        ssl_certfile=ssl_certfile,
        ssl_keyfile=ssl_keyfile,
        # Trust X-Forwarded-Proto/-For only from the proxy (FORWARDED_ALLOW_IPS, default
        # 127.0.0.1), and only when told there is one.
        proxy_headers=behind_proxy,
    )


def _with_hosts(settings: Settings, extra: list[str]) -> Settings:
    """``settings`` with ``extra`` allowed hosts, exported so every worker reads the same."""
    if not extra:
        return settings
    hosts = ",".join(dict.fromkeys([*settings.allowed_hosts, *extra]))
    # Workers build their own Settings from the environment (app_from_environment).
    os.environ["BACKCARE_ALLOWED_HOSTS"] = hosts
    return Settings()

"""`backcare serve`: migrate, load the demo into a new database, then run the web app."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

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
) -> None:
    """Serve the web app and the REST API (OpenAPI at /docs), migrating the database first."""
    import uvicorn

    from backcare.cli.store_edge import store_errors

    with store_errors():
        settings = Settings()
        if prepare_database(settings, demo=demo):
            typer.echo("New database: loaded the demo patients.")
        shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
        lines = start_up_links(settings, f"http://{shown_host}:{port}")
    typer.echo(f"Backcare is at http://{host}:{port}/ (API description at /docs).")
    for line in lines:
        typer.echo(line)
    uvicorn.run(
        "backcare.web.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )

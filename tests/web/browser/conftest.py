"""Browser fixtures: Backcare served by uvicorn on a free loopback port, driven by chromium.

Chromium is Debian's (/usr/bin/chromium, installed by scripts/system-packages.sh); Playwright
never downloads a browser here. Without chromium the browser tests are skipped, except in CI
(CI=true), where a skip would hide a broken pass and so fails instead.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, expect, sync_playwright

from backcare.accounts.sessions import csrf_token_for
from backcare.accounts.vocabulary import Role
from backcare.settings import Settings
from backcare.store.migrate import open_store
from backcare.web.app import create_app
from backcare.web.auth.credentials import COOKIE
from tests.web.auth_support import PASSWORD, make_account

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[3] / "test-output" / "screenshots"
START_TIMEOUT = 20.0
WIDTHS = {"desktop": 1280, "phone": 360}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder drives chromium: mark it so, whether or not its file does
    (``-m "not browser"`` then leaves them all out)."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


CLINICIAN = "browser-carer"
"""Signed in on every tab: a physiotherapist, who may assess new people."""
PEOPLE = ("browser-ann", "browser-bob")
"""Two people with records of their own, for the tests that one cannot see the other's."""
JOURNEY = {name: f"journey-{name}" for name in ("desktop", "phone")}
"""A person per width who has not yet answered the intake: the whole journey is theirs."""


@pytest.fixture(scope="session")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real uvicorn server in a thread, on its own SQLite database, with its accounts."""
    database = tmp_path_factory.mktemp("browser") / "backcare.db"
    settings = Settings(database_url=f"sqlite:///{database}", environment="test")
    engine = open_store(settings)
    make_account(engine, CLINICIAN, Role.CLINICIAN)
    for person in (*PEOPLE, *JOURNEY.values()):
        make_account(engine, person, Role.PERSON, display_name=person)
    engine.dispose()
    port = free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: run scripts/system-packages.sh"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (CI=true: the browser tests must run, not skip)")
        pytest.skip(message)
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    launched = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
    )
    yield launched
    launched.close()


@dataclass
class Tab:
    """A page at one width, remembering every console error and uncaught exception."""

    page: Page
    width_name: str
    base_url: str
    errors: list[str] = field(default_factory=list)

    def go(self, path: str) -> None:
        self.page.goto(self.base_url + path)

    def sign_in(self, username: str, password: str = PASSWORD) -> None:
        """Sign in through the sign-in page, as a person would."""
        self.page.context.clear_cookies()
        self.go("/signin")
        self.page.locator("#username").fill(username)
        self.page.locator("#password").fill(password)
        self.page.get_by_role("button", name="Sign in").click()
        expect(self.page.locator("main h1")).not_to_have_text("Sign in")

    def csrf_headers(self) -> dict[str, str]:
        """The header a script of the signed-in page sends with a write (from its cookie)."""
        cookie = next(c for c in self.page.context.cookies() if c.get("name") == COOKIE)
        return {"X-CSRF-Token": csrf_token_for(str(cookie.get("value")))}

    def shot(self, name: str, *, full_page: bool = True) -> None:
        """A screenshot in test-output/screenshots, named by test and width (never a fixed
        path outside the repository: parallel workers and other runs would overwrite it)."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}-{self.width_name}.png"
        self.page.screenshot(path=path, full_page=full_page)


@pytest.fixture(params=list(WIDTHS))
def tab(request: pytest.FixtureRequest, browser: Browser, base_url: str) -> Iterator[Tab]:
    """A fresh browser page at desktop or phone width; fails if the console showed an error."""
    width = WIDTHS[request.param]
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    tab = Tab(page, request.param, base_url)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            tab.errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.sign_in(CLINICIAN)
    yield tab
    context.close()
    assert tab.errors == [], f"console errors: {tab.errors}"


@pytest.fixture
def browser_no_js(browser: Browser, base_url: str) -> Iterator[Tab]:
    """A phone-width page with JavaScript turned off: everything but the timer must work."""
    context = browser.new_context(viewport={"width": 360, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    tab = Tab(page, "phone-no-js", base_url)
    tab.sign_in(CLINICIAN)
    yield tab
    context.close()

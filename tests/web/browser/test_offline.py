"""Offline on a phone: after one visit the check-in page opens without a connection, and a
check-in made offline arrives exactly once when the phone is back online."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from tests.web.browser.conftest import PEOPLE, SCREENSHOTS, Tab
from tests.web.conftest import CHRONIC

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}


@pytest.fixture
def phone(browser: Browser, base_url: str) -> Iterator[Tab]:
    """A person signed in on a phone-sized page; fails if the console showed an error."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    tab = Tab(page, "phone", base_url)
    page.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.sign_in(PEOPLE[1])
    yield tab
    context.close()
    assert tab.errors == [], f"page errors: {tab.errors}"


def notes_stored(tab: Tab, patient_id: str, marker: str) -> int:
    answer = tab.page.request.get(f"{tab.base_url}/api/v1/patients/{patient_id}/checkins")
    assert answer.ok, answer.text()
    return sum(1 for item in answer.json()["items"] if item["notes"] == marker)


def test_a_check_in_made_offline_is_stored_once_when_back_online(phone: Tab) -> None:
    page = phone.page
    patient_id = page.request.get(f"{phone.base_url}/api/v1/me").json()["patient_id"]
    assessed = page.request.post(
        f"{phone.base_url}/api/v1/patients/{patient_id}/assessments",
        data=CHRONIC,
        headers=phone.csrf_headers(),
    )
    assert assessed.ok, assessed.text()
    checkin = f"/patients/{patient_id}/checkin"
    phone.go(checkin)
    # The first visit installs the service worker; the next load goes through it and is kept.
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    phone.go(checkin)
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    phone.go(checkin)

    # Visiting the check-in also kept the plan and today's session for reading offline.
    kept_both = """caches.open('backcare-pages-1').then(cache => Promise.all(
        ['plan', 'session'].map(p => cache.match(location.pathname.replace('checkin', p)))
    )).then(found => found.every(Boolean))"""
    deadline = time.monotonic() + 15
    while not page.evaluate(kept_both):
        assert time.monotonic() < deadline, "the plan and session pages were not kept"
        time.sleep(0.2)
    page.context.set_offline(True)
    for kept in ("plan", "session"):
        phone.go(f"/patients/{patient_id}/{kept}")
        expect(page.locator("main h1")).not_to_have_text("You are offline")
    phone.go(checkin)  # from the service worker's copy: there is no connection
    expect(page.locator("main h1")).to_be_visible()
    marker = f"offline check-in {uuid.uuid4()}"
    page.locator("#notes").fill(marker)
    page.get_by_role("button", name="Save my check-in").click()
    status = page.locator("#offline-status")
    expect(status).to_contain_text("You are offline")
    expect(page.get_by_role("button", name="Save my check-in")).to_be_disabled()
    assert page.evaluate("JSON.parse(localStorage.getItem('backcare-offline-queue')).length") == 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "offline-checkin-queued-phone.png", full_page=False)

    page.context.set_offline(False)
    expect(status).to_have_text("Your saved answers have been sent.")
    assert page.evaluate("JSON.parse(localStorage.getItem('backcare-offline-queue')).length") == 0
    assert notes_stored(phone, patient_id, marker) == 1

    # The same queued write arriving again (a reply lost on the way back) changes nothing.
    page.evaluate(
        """([url, notes]) => {
            const form = document.querySelector('form[action$="/checkin"]');
            const body = new URLSearchParams(new FormData(form));
            body.set('notes', notes);
            const item = {url: url, body: body.toString(), key: 'replayed-key-0001', at: 0};
            localStorage.setItem('backcare-offline-queue', JSON.stringify([item, item]));
            document.getElementById('offline-status').textContent = '';
            window.dispatchEvent(new Event('online'));
        }""",
        [checkin, f"{marker}-again"],
    )
    expect(status).to_have_text("Your saved answers have been sent.")
    page.wait_for_function(
        "JSON.parse(localStorage.getItem('backcare-offline-queue')).length === 0"
    )
    assert notes_stored(phone, patient_id, f"{marker}-again") == 1
    # One check-in a day: the replayed write (a new key) updated the day's check-in, once.
    assert notes_stored(phone, patient_id, marker) == 0


def test_a_warning_sign_ticked_offline_is_told_not_to_wait(phone: Tab) -> None:
    """SAFETY.md H-143: offline, a warning sign cannot be reviewed, so the person is told."""
    page = phone.page
    patient_id = page.request.get(f"{phone.base_url}/api/v1/me").json()["patient_id"]
    checkin = f"/patients/{patient_id}/checkin"
    phone.go(checkin)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    phone.go(checkin)
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    phone.go(checkin)
    page.context.set_offline(True)
    phone.go(checkin)
    page.locator("input[name=warnings]").first.check()
    page.get_by_role("button", name="Save my check-in").click()
    status = page.locator("#offline-status")
    expect(status).to_contain_text("You ticked a warning sign: do not wait.")
    expect(status).to_contain_text("call your emergency number")
    page.screenshot(path=SCREENSHOTS / "offline-warning-phone.png", full_page=False)
    # Not sent: this test is about the words shown offline, not about the review.
    page.evaluate("localStorage.removeItem('backcare-offline-queue')")

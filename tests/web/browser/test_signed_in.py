"""Signing in with a real browser: the one-time link, and one person never sees another's pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.web.browser.conftest import PEOPLE, Tab

pytestmark = pytest.mark.browser


def own_record(tab: Tab) -> str:
    """The signed-in person's record id (their home is their today page, or the intake)."""
    tab.go("/")
    me = tab.page.request.get(f"{tab.base_url}/api/v1/me").json()
    patient_id: str = me["patient_id"]
    return patient_id


def test_a_person_cannot_open_another_persons_pages(tab: Tab) -> None:
    ann, bob = PEOPLE
    tab.sign_in(bob)
    bobs = own_record(tab)
    tab.sign_in(ann)
    pages = ("plan", "checkin", "progress", "access")
    for page in pages:
        tab.go(f"/patients/{bobs}/{page}")
        expect(tab.page.locator("main h1")).to_have_text("We could not find that")
    # The browser reports each 404 page on its console; those, and only those, are expected.
    assert len(tab.errors) == len(pages)
    assert all("404" in error for error in tab.errors)
    tab.errors.clear()
    tab.go("/")
    expect(tab.page.locator("main")).not_to_contain_text(bob)


def test_signing_out_leads_back_to_the_sign_in_page(tab: Tab) -> None:
    tab.go("/")
    tab.page.get_by_role("button", name="Sign out").click()
    expect(tab.page.locator("main h1")).to_have_text("Sign in")
    tab.go("/account")
    expect(tab.page.locator("main h1")).to_have_text("Sign in")


def test_the_urgent_advice_needs_no_sign_in(tab: Tab) -> None:
    tab.page.context.clear_cookies()
    tab.go("/signin")
    tab.page.get_by_role("link", name="All the warning signs").click()
    expect(tab.page.locator("main h1")).to_have_text("When to get help now")
    expect(tab.page.locator(".instruction").first).to_contain_text("emergency")

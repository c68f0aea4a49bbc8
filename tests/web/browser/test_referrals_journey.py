"""Referrals and appointments in a real browser: a clinician refers a person on and proposes a
time; a clash is explained; the team page shows what is coming up (loaded by htmx)."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import expect

from tests.web.browser.conftest import CLINICIAN, Tab
from tests.web.conftest import CHRONIC


def test_refer_propose_and_see_what_is_coming_up(tab: Tab) -> None:
    page = tab.page
    tab.sign_in(CLINICIAN)
    made = page.request.post(
        tab.base_url + "/api/v1/patients",
        data={"display_name": f"Referred {tab.width_name}"},
        headers=tab.csrf_headers(),
    )
    assert made.ok, made.text()
    patient_id = made.json()["id"]
    assessed = page.request.post(
        f"{tab.base_url}/api/v1/patients/{patient_id}/assessments",
        data=CHRONIC,
        headers=tab.csrf_headers(),
    )
    assert assessed.ok, assessed.text()

    tab.go(f"/patients/{patient_id}/referrals")
    page.get_by_text("Make a referral").click()
    page.get_by_label("To (the plan item's profession when left out)").select_option("doctor")
    page.get_by_label("Why (the plan item's reason when left out)").fill("Review of sleep and pain")
    page.get_by_role("button", name="Send the referral").click()
    expect(page.locator("main")).to_contain_text("Asked for, waiting for an answer")
    expect(page.locator("main")).to_contain_text(f"Requested by {CLINICIAN}")
    tab.shot("referrals")

    # Each width its own day: both runs share one clinician's diary.
    days = 3 if tab.width_name == "desktop" else 4
    when = (dt.datetime.now(dt.UTC) + dt.timedelta(days=days)).strftime("%Y-%m-%dT10:00")
    tab.go(f"/patients/{patient_id}/appointments")
    page.get_by_text("Propose times").click()
    page.locator("#when-1").fill(when)
    page.get_by_label("Place (in person)").fill("Riverside Clinic, room 2")
    page.get_by_role("button", name="Propose these times").click()
    expect(page.locator("main")).to_contain_text("To answer")
    tab.go(f"/patients/{patient_id}/appointments")
    page.get_by_text("Propose times").click()
    page.locator("#when-1").fill(when)
    page.get_by_label("Place (in person)").fill("Riverside Clinic, room 2")
    page.get_by_role("button", name="Propose these times").click()
    expect(page.locator(".error-summary")).to_contain_text("clashes with your proposed appointment")
    tab.shot("appointments-clash")
    # The clash page is answered with 409, which the console reports; that one was expected.
    tab.errors.remove(
        "Failed to load resource: the server responded with a status of 409 (Conflict)"
    )

    tab.go(f"/patients/{patient_id}/team")
    expect(page.locator(".coming-up")).to_contain_text(f"1 time offered with {CLINICIAN}")
    expect(page.locator(".coming-up")).to_contain_text("Asked for, waiting for an answer")
    tab.shot("team-coming-up")

"""In a real browser at 360 and 1280 px: the today page fits the screen and passes axe, the
stop button stays in view while the timer runs, and a session resumes where it stopped."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.web.browser.conftest import WIDTHS, Tab
from tests.web.browser.test_accessibility import CHRONIC, violations

pytestmark = pytest.mark.browser
PHONE_HEIGHT = 740
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def planned_patient(tab: Tab) -> tuple[str, dict[str, Any]]:
    """A new person in the signed-in clinician's care, assessed today; their plan."""
    api = f"{tab.base_url}/api/v1/patients"
    post = partial(tab.page.request.post, headers=tab.csrf_headers())
    created = post(api, data={"display_name": "Today"}).json()
    assessed = post(f"{api}/{created['id']}/assessments", data=CHRONIC).json()
    patient_id: str = created["id"]
    plan: dict[str, Any] = assessed["plan_version"]["plan"]
    return patient_id, plan


def phone_height(tab: Tab) -> None:
    tab.page.set_viewport_size({"width": WIDTHS[tab.width_name], "height": PHONE_HEIGHT})


def test_the_stop_bar_is_in_the_viewport_while_the_timer_runs(tab: Tab) -> None:
    phone_height(tab)
    patient_id, plan = planned_patient(tab)
    busiest = max(DAYS, key=lambda day: len(plan["week"].get(day, [])))
    tab.go(f"/patients/{patient_id}/session?day={busiest}")
    tab.page.locator("#player-toggle").click()
    expect(tab.page.locator("#player.running")).to_be_visible()
    stop = tab.page.get_by_role("button", name="This hurts — stop").first
    expect(stop).to_be_in_viewport(ratio=1)
    box = stop.bounding_box()
    assert box is not None
    assert box["y"] >= 0
    assert box["y"] + box["height"] <= PHONE_HEIGHT
    # Scrolled to the steps at the bottom of the player, the bar is still there.
    tab.page.locator("#player-steps").scroll_into_view_if_needed()
    tab.page.mouse.wheel(0, 2000)
    expect(stop).to_be_in_viewport(ratio=1)
    tab.shot("session-running", full_page=False)  # the bar as the screen shows it


def test_a_session_resumes_at_the_first_exercise_not_done_today(tab: Tab) -> None:
    patient_id, plan = planned_patient(tab)
    # The server's today is the real date here; logs are dated the day they were done.
    code = DAYS[dt.date.today().weekday()]
    items = plan["week"].get(code, [])
    if len(items) < 2:
        pytest.skip("today holds fewer than two items in this plan")
    body = {
        "date": dt.date.today().isoformat(),
        "item_id": items[0],
        "duration_seconds": 60,
        "felt": 6,
    }
    api = f"{tab.base_url}/api/v1/patients/{patient_id}/sessions"
    assert tab.page.request.post(api, data=body, headers=tab.csrf_headers()).ok
    tab.go(f"/patients/{patient_id}/session")
    expect(tab.page.locator("#player-count")).to_have_text(f"Exercise 2 of {len(items)}")


def test_today_fits_the_screen_and_passes_axe(tab: Tab) -> None:
    patient_id, _ = planned_patient(tab)
    tab.go(f"/patients/{patient_id}/today")
    expect(tab.page.locator("main h1")).to_contain_text("Today")
    scroll, client = tab.page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= client
    assert violations(tab) == []
    tab.shot("today")


def test_a_session_done_today_opens_as_done_without_an_error(tab: Tab) -> None:
    patient_id, plan = planned_patient(tab)
    code = DAYS[dt.date.today().weekday()]
    items = plan["week"].get(code, [])
    if not items:
        pytest.skip("today is a rest day in this plan")
    api = f"{tab.base_url}/api/v1/patients/{patient_id}/sessions"
    for item in items:
        body = {
            "date": dt.date.today().isoformat(),
            "item_id": item,
            "duration_seconds": 60,
            "felt": 6,
        }
        assert tab.page.request.post(api, data=body, headers=tab.csrf_headers()).ok
    tab.go(f"/patients/{patient_id}/session")
    expect(tab.page.locator("#player-finished")).to_be_visible()
    expect(tab.page.locator("#player-toggle")).to_be_hidden()
    expect(tab.page.locator("#player-stop")).to_be_hidden()
    expect(tab.page.locator("#player-steps")).to_be_hidden()  # no empty "How to do it"
    # The tab fixture fails the test on any console error (a script error on load included).

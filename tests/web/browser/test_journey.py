"""The whole journey in a real browser, at desktop and phone widths, with no console errors:
intake -> plan -> a timed session -> check-in -> progress; and the emergency path."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.web.browser.conftest import JOURNEY, Tab

pytestmark = pytest.mark.browser
CALM_WARNINGS = {
    "bladder_bowel_change": "no",
    "sexual_function_change": "no",
    "leg_pain": "none",
    "leg_symptoms_worsening": "no",
    "leg_weakness": "none",
    "fever": "no",
    "feels_unwell": "no",
    "cancer_history": "no",
    "trauma": "none",
    "unable_to_walk_or_bear_weight": "no",
    "pain_unrelenting": "no",
    "sudden_severe_onset": "no",
    "abdominal_or_groin_pain": "no",
    "flank_pain": "no",
    "sex": "female",
    "pregnant": "no",
}
WARNING_STEPS = (
    # (the next step's title, the answers of the step before it)
    ("How you feel in yourself", ("leg_pain", "leg_symptoms_worsening", "leg_weakness")),
    ("Injury and sudden pain", ("fever", "feels_unwell", "cancer_history")),
    (
        "Sex and pregnancy",
        (
            "trauma",
            "unable_to_walk_or_bear_weight",
            "pain_unrelenting",
            "sudden_severe_onset",
            "abdominal_or_groin_pain",
            "flank_pain",
        ),
    ),
    ("About you and your pain", ("sex", "pregnant")),
)
MAX_SKIPS = 300


def heading(page: Page, text: str) -> None:
    expect(page.locator("main h1")).to_have_text(text)


def choose(page: Page, name: str, value: str) -> None:
    page.locator(f'input[name="{name}"][value="{value}"]').check()


def next_step(page: Page, title: str) -> None:
    page.get_by_role("button", name="Continue").click()
    heading(page, title)


def answer_warning_steps(tab: Tab) -> None:
    page = tab.page
    for name in ("bladder_bowel_change", "sexual_function_change"):
        choose(page, name, CALM_WARNINGS[name])
    tab.shot("intake-warning-signs")
    next_step(page, "Your legs")
    for title, names in WARNING_STEPS:
        for name in names:
            choose(page, name, CALM_WARNINGS[name])
        next_step(page, title)


def answer_the_rest(tab: Tab) -> None:
    page = tab.page
    for field, value in (("age", "45"), ("duration_weeks", "20"), ("pain_now", "6")):
        page.locator(f"#{field}").fill(value)
    tab.shot("intake-about-you")
    for title in (
        "More about your health",
        "Bones and medicines",
        "The pattern of your pain",
        "Your back pain so far",
        "Other health conditions",
        "Moving about",
        "How the pain is affecting you",
        "Fitting the plan into your life",
    ):
        next_step(page, title)
    for equipment in ("mat", "towel"):
        choose(page, "preferences.equipment", equipment)
    next_step(page, "Your name")
    page.locator("#display_name").fill("Robin")
    page.get_by_role("button", name="Show my plan").click()
    heading(page, "Your plan")


def run_the_session(tab: Tab) -> None:
    page = tab.page
    page.get_by_role("link", name="Start today's session").click()
    expect(page.locator("#player")).to_be_visible()
    expect(page.locator(".no-js-list")).to_be_hidden()
    tab.shot("session")
    before = page.locator("#player-time").inner_text()
    page.locator("#player-toggle").click()
    expect(page.locator("#player-time")).not_to_have_text(before, timeout=5_000)
    assert page.locator("#player-progress").evaluate("bar => bar.value") > 0
    page.locator("#player-toggle").click()
    expect(page.locator("#player-toggle")).to_have_text("Resume")
    tab.shot("session-timer")
    for _ in range(MAX_SKIPS):
        if page.locator("#player-feel").is_visible():
            break
        page.locator("#player-skip-step").click()
    page.locator("#feel-range").fill("7")
    page.get_by_role("button", name="Save and go on").click()
    expect(page.locator("#player-status")).to_have_text("Saved.")


def check_in(tab: Tab) -> None:
    page = tab.page
    page.get_by_role("link", name="Check-in").click()
    heading(page, "Today's check-in")
    page.locator("#pain_now").fill("4")
    expect(page.locator("#pain-value")).to_have_text("4")
    page.locator("#sessions_done").fill("1")
    tab.shot("checkin")
    page.get_by_role("button", name="Save my check-in").click()
    heading(page, "Check-in saved")


def see_progress(tab: Tab) -> None:
    page = tab.page
    page.get_by_role("link", name="See your progress").click()
    heading(page, "Your progress")
    expect(page.locator("svg.chart")).to_have_count(4)  # pain, PEG, sessions, activities
    tab.shot("progress")


def test_intake_plan_session_checkin_progress(tab: Tab) -> None:
    tab.sign_in(JOURNEY[tab.width_name])
    tab.go("/")
    tab.shot("home")
    tab.page.get_by_role("link", name="Start").click()
    heading(tab.page, "Bladder, bowel and numbness")
    answer_warning_steps(tab)
    answer_the_rest(tab)
    tab.shot("plan")
    patient_id = tab.page.url.split("/")[-2]
    run_the_session(tab)
    check_in(tab)
    see_progress(tab)
    logs = tab.page.request.get(f"{tab.base_url}/api/v1/patients/{patient_id}/sessions")
    assert len(logs.json()["items"]) == 1


def test_emergency_answer_shows_the_instruction_at_once(tab: Tab) -> None:
    tab.go("/start")
    page = tab.page
    choose(page, "bladder_bowel_change", "yes")
    choose(page, "numbness", "saddle")
    choose(page, "sexual_function_change", "no")
    page.get_by_role("button", name="Continue").click()
    heading(page, "Go to an emergency department now")
    expect(page.locator(".instruction-why li").first).to_be_visible()
    tab.shot("emergency")


def test_missing_answers_are_listed_and_focused(tab: Tab) -> None:
    tab.go("/start")
    page = tab.page
    page.get_by_role("button", name="Continue").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary.locator("li")).to_have_count(2)
    tab.shot("intake-errors")


def test_the_intake_works_without_javascript(browser_no_js: Tab) -> None:
    tab = browser_no_js
    tab.go("/start")
    page = tab.page
    for name in ("bladder_bowel_change", "sexual_function_change"):
        choose(page, name, "no")
    page.get_by_role("button", name="Continue").click()
    heading(page, "Your legs")
    choose(page, "leg_pain", "both_legs")
    choose(page, "leg_symptoms_worsening", "yes")
    choose(page, "leg_weakness", "worsening")
    choose(page, "weakness_onset", "last_two_weeks")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".instruction")).to_be_visible()
    tab.shot("no-javascript-instruction")

"""Automated WCAG 2.1 A and AA checks (axe-core) on every kind of page, at both widths.

axe cannot prove a page accessible (focus order and plain wording were checked by hand),
but it catches missing labels, low contrast, broken ARIA and the like on every change.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

import pytest

from tests.web.browser.conftest import Tab

pytestmark = pytest.mark.browser
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHRONIC = {"age": 45, "duration_weeks": 20, "pain_now": 6}
EMERGENCY = {**CHRONIC, "numbness": ["saddle"], "bladder_bowel_change": True}


def violations(tab: Tab) -> list[str]:
    """axe's WCAG A/AA violations on the current page, one line each.

    axe is evaluated through the browser's developer protocol: a script tag would be inline
    script, which the pages' Content-Security-Policy refuses (and must keep refusing).
    """
    tab.page.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}}
    result: dict[str, Any] = tab.page.evaluate("(o) => axe.run(document, o)", options)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in result["violations"]
    ]


def patient(tab: Tab, intake: dict[str, Any]) -> str:
    api = f"{tab.base_url}/api/v1/patients"
    post = partial(tab.page.request.post, headers=tab.csrf_headers())
    created = post(api, data={"display_name": "Axe"}).json()
    post(f"{api}/{created['id']}/assessments", data=intake)
    body = {"date": "2024-05-15", "pain_now": 4, "sessions_done": 1}
    post(f"{api}/{created['id']}/checkins", data=body)
    patient_id: str = created["id"]
    return patient_id


def test_intake_pages_pass_axe(tab: Tab) -> None:
    tab.go("/")
    assert violations(tab) == []
    tab.go("/start")
    assert violations(tab) == []
    tab.page.get_by_role("button", name="Continue").click()
    tab.page.locator("#error-summary").wait_for()
    assert violations(tab) == []


@pytest.mark.parametrize("page", ["plan", "session", "checkin", "weekly", "progress"])
def test_patient_pages_pass_axe(tab: Tab, page: str) -> None:
    tab.go(f"/patients/{patient(tab, CHRONIC)}/{page}")
    assert violations(tab) == []


def test_emergency_instruction_passes_axe(tab: Tab) -> None:
    tab.go(f"/patients/{patient(tab, EMERGENCY)}/plan")
    assert violations(tab) == []


@pytest.mark.parametrize("path", ["/signin", "/urgent-help", "/account"])
def test_sign_in_and_account_pages_pass_axe(tab: Tab, path: str) -> None:
    tab.go(path)
    assert violations(tab) == []

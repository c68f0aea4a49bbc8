"""The care team in a real browser: a person invites, a clinician redeems the code and accepts,
the person sees them in the team and stops sharing, and the clinician is shut out at once."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.web.browser.conftest import CLINICIAN, PEOPLE, Tab

PERSON = PEOPLE[1]


def test_invite_redeem_accept_and_revoke(tab: Tab) -> None:
    page = tab.page
    tab.sign_in(PERSON)
    patient_id = page.request.get(tab.base_url + "/api/v1/me").json()["patient_id"]
    page.get_by_role("link", name="My care team").click()
    expect(page.locator("main h1")).to_have_text("Your care team")
    page.get_by_label("Your plan and your progress only").check()
    page.get_by_role("button", name="Make an invitation code").click()
    code = page.locator(".invite-code code").inner_text()
    assert len(code) == 23
    tab.shot("team-invite")

    tab.sign_in(CLINICIAN)
    page.get_by_role("link", name="My caseload").click()
    page.get_by_role("link", name="Join a care team with a code").click()
    page.get_by_label("Invitation code").fill(code.lower())
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("main")).to_contain_text("Your plan and your progress only")
    page.get_by_role("button", name="Accept").click()
    expect(page.locator("main h1")).to_contain_text("Care team of")
    tab.go("/clinician")
    expect(page.locator("table.caseload")).to_contain_text(PERSON)
    tab.shot("team-caseload")
    # Plan and progress only: the check-in page (the person's answers) is refused.
    refused = page.request.get(f"{tab.base_url}/patients/{patient_id}/checkin")
    assert refused.status == 403

    tab.sign_in(PERSON)
    tab.go(f"/patients/{patient_id}/team")
    expect(page.locator("main")).to_contain_text(CLINICIAN)
    tab.shot("team-page")
    page.get_by_role("button", name=f"Stop sharing with {CLINICIAN}").click()
    expect(page.locator("main")).to_contain_text("Nobody is in your care team yet")

    tab.sign_in(CLINICIAN)
    gone = page.request.get(f"{tab.base_url}/patients/{patient_id}/plan")
    assert gone.status == 404
    assert "No record you may see" in gone.text()

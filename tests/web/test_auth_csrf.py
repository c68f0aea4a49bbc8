"""Cross-site request forgery: the session's token in every form, and where a request came from."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from backcare.web.auth.csrf import page_token, unmasked
from tests.web.auth_support import PASSWORD, Made

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
CHECKIN = {"date": "2024-05-15", "pain_now": "4", "warnings": "saddle_numbness"}


def checkin_url(person: Made) -> str:
    return f"/patients/{person.patient_id}/checkin"


def page_tokens(html: str) -> list[str]:
    """Every CSRF token a page carries: its forms', its meta tag's and htmx's header."""
    forms = re.findall(r'name="csrf_token" value="([^"]+)"', html)
    meta = re.findall(r'<meta name="csrf-token" content="([^"]+)"', html)
    htmx = re.findall(r'"X-CSRF-Token": "([^"]+)"', html)
    assert forms
    assert meta
    assert htmx
    return [*forms, *meta, *htmx]


def test_every_form_of_a_signed_in_page_carries_the_sessions_token_masked(
    person_client: TestClient, person: Made
) -> None:
    page = person_client.get(checkin_url(person)).text
    token = person_client.headers["X-CSRF-Token"]
    forms = re.findall(r"<form[^>]*method=\"post\".*?</form>", page, flags=re.S)
    assert forms
    assert all('name="csrf_token" value="' in form for form in forms)
    carried = page_tokens(page)
    # The session's token itself never appears: each copy is masked afresh (BREACH).
    assert token not in page
    assert all(unmasked(copy) == token for copy in carried)
    again = page_tokens(person_client.get(checkin_url(person)).text)
    assert len(set(carried + again)) == len(carried + again)


@pytest.mark.parametrize("where", ["header", "field"])
def test_a_masked_token_from_any_page_is_accepted(
    person_client: TestClient, person: Made, where: str
) -> None:
    copy = page_tokens(person_client.get(checkin_url(person)).text)[0]
    del person_client.headers["X-CSRF-Token"]
    if where == "header":
        response = person_client.post(
            checkin_url(person), data=CHECKIN, headers={"X-CSRF-Token": copy}
        )
    else:
        response = person_client.post(checkin_url(person), data={**CHECKIN, "csrf_token": copy})
    assert response.status_code == 200


def test_a_masked_token_of_another_session_is_refused(
    person_client: TestClient, person: Made
) -> None:
    del person_client.headers["X-CSRF-Token"]
    forged = page_token("another session's secret")
    response = person_client.post(
        checkin_url(person), data=CHECKIN, headers={"X-CSRF-Token": forged}
    )
    assert response.status_code == 403


def test_a_form_posted_without_the_token_is_refused(
    person_client: TestClient, person: Made
) -> None:
    del person_client.headers["X-CSRF-Token"]
    response = person_client.post(checkin_url(person), data=CHECKIN)
    assert response.status_code == 403
    assert person_client.get(f"/api/v1/patients/{person.patient_id}/checkins").json()["items"] == []


def test_a_form_with_the_token_in_its_field_is_accepted(
    person_client: TestClient, person: Made
) -> None:
    token = person_client.headers.pop("X-CSRF-Token")
    response = person_client.post(checkin_url(person), data={**CHECKIN, "csrf_token": token})
    assert response.status_code == 200


def test_a_wrong_token_is_refused(person_client: TestClient, person: Made) -> None:
    person_client.headers["X-CSRF-Token"] = "0" * 64
    assert person_client.post(checkin_url(person), data=CHECKIN).status_code == 403


def test_a_cross_site_origin_is_refused_even_with_the_token(
    person_client: TestClient, person: Made
) -> None:
    response = person_client.post(
        checkin_url(person), data=CHECKIN, headers={"Origin": "https://attacker.example"}
    )
    assert response.status_code == 403


def test_a_cross_site_fetch_is_refused_even_with_the_token(
    person_client: TestClient, person: Made
) -> None:
    response = person_client.post(
        checkin_url(person), data=CHECKIN, headers={"Sec-Fetch-Site": "cross-site"}
    )
    assert response.status_code == 403


def test_the_same_origin_is_accepted(person_client: TestClient, person: Made) -> None:
    headers = {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}
    assert person_client.post(checkin_url(person), data=CHECKIN, headers=headers).is_success


def test_a_script_write_with_the_session_needs_the_token_too(
    person_client: TestClient, person: Made
) -> None:
    del person_client.headers["X-CSRF-Token"]
    body = {"date": "2024-05-15", "pain_now": 4}
    url = f"/api/v1/patients/{person.patient_id}/checkins"
    assert person_client.post(url, json=body).status_code == 403


def test_a_cross_site_sign_in_is_refused(anonymous: TestClient, person: Made) -> None:
    data = {"username": person.username, "password": "x" * 10}
    response = anonymous.post("/signin", data=data, headers={"Origin": "https://evil.example"})
    assert response.status_code == 403


def test_the_hidden_origin_of_the_sites_own_forms_is_accepted_on_fetch_metadata(
    anonymous: TestClient, person: Made
) -> None:
    # Referrer-Policy: no-referrer makes a browser send "Origin: null" with the site's own
    # forms (the sign-in form included); Sec-Fetch-Site, which no page can set, vouches.
    data = {"username": person.username, "password": PASSWORD, "next": "/"}
    own = {"Origin": "null", "Sec-Fetch-Site": "same-origin"}
    response = anonymous.post("/signin", data=data, headers=own, follow_redirects=False)
    assert response.status_code == 303


@pytest.mark.parametrize("site", [None, "cross-site", "same-site"])
def test_a_hidden_origin_without_same_origin_fetch_metadata_is_refused(
    anonymous: TestClient, person: Made, site: str | None
) -> None:
    # A sandboxed page of another site also sends "Origin: null".
    data = {"username": person.username, "password": PASSWORD, "next": "/"}
    headers = {"Origin": "null", **({"Sec-Fetch-Site": site} if site else {})}
    assert anonymous.post("/signin", data=data, headers=headers).status_code == 403

"""The authorization matrix, generated from the app's own route table.

Every API route and page is called by each kind of actor (anonymous, a person on their own
record and on another's, a clinician with care access, with whole-record access, with access to
the plan and progress only and without any, an admin, an admin who broke the glass), and the
answer is compared with what the design says (EXPECTED, written here and not derived from the
policy module). A route whose record may be named in the query (the import) is called both ways.
A route that declares no policy fails the first test. What the plan-only clinician is shown by
the routes open to them (nothing beyond the plan and progress) is checked route by route in
tests/web/test_plan_only_share.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from backcare.access.break_glass import BreakGlassCreate, open_record
from backcare.access.policy import Action, Actor, Kind
from backcare.accounts.repository import account_by_name
from backcare.accounts.vocabulary import Role
from backcare.store.db import unit_of_work
from backcare.store.types import utcnow
from backcare.web.auth.guard import Guard
from tests.web.auth_support import grant, make_account, sign_in
from tests.web.conftest import CHRONIC

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
A = "allowed"
UNDECLARED_BY_DESIGN = {"/openapi.json"}
"""FastAPI's own description: public, no patient data, not an APIRoute (/docs is a route of
backcare.web.docs and declares itself public; there is no /redoc or OAuth2 redirect page)."""
ACTORS = (
    "anonymous",
    "clinician_with",
    "clinician_whole",
    "clinician_plan",
    "clinician_without",
    "admin",
    "admin_glass",
    "person_other",
    "person_own",  # last: erasing their own record ends the world the others need
)
RECORD_ONLY_FOR_PERSON = {
    "person_own": A,
    "person_other": 404,
    "clinician_with": 403,
    "clinician_whole": 403,
    "clinician_plan": 403,
    "clinician_without": 404,
    "admin": 404,
    "admin_glass": 403,
}
IN_THE_TEAM = {
    **RECORD_ONLY_FOR_PERSON,
    "clinician_with": A,
    "clinician_whole": A,
    "clinician_plan": A,
}
"""Every clinician in the person's team, whatever the person shares, and the person."""
EXPECTED: dict[Action | None, dict[str, object]] = {
    Action.READ: {
        **RECORD_ONLY_FOR_PERSON,
        "clinician_with": A,
        "clinician_whole": A,
        "admin_glass": A,
    },
    Action.WRITE: {**RECORD_ONLY_FOR_PERSON, "clinician_with": A, "clinician_whole": A},
    # Every format: the person's, and a clinician's the person gave the whole record.
    Action.EXPORT: {**RECORD_ONLY_FOR_PERSON, "clinician_whole": A},
    Action.ERASE: RECORD_ONLY_FOR_PERSON,
    Action.ACCESS_LOG: RECORD_ONLY_FOR_PERSON,
    Action.BREAK_GLASS: {
        "person_own": 403,
        "person_other": 403,
        "clinician_with": 403,
        "clinician_whole": 403,
        "clinician_plan": 403,
        "clinician_without": 403,
        "admin": A,
        "admin_glass": A,
    },
    Action.CREATE: {"person": 403, "clinician": A, "admin": 403},
    Action.ASSESS: {"person": A, "clinician": A, "admin": 403},
    # A FHIR Bundle as a new record: a clinician's (a person has their one record already).
    Action.IMPORT: {"person": 403, "clinician": A, "admin": 403},
    Action.LIST: {"person": A, "clinician": A, "admin": A},
    Action.ACCOUNT_READ: {"person": A, "clinician": A, "admin": A},
    Action.ACCOUNT_CHANGE: {"person": A, "clinician": A, "admin": A},
    Action.MANAGE_ACCOUNTS: {"person": 403, "clinician": 403, "admin": A},
    # Only a clinician in the person's care changes the plan or writes clinical notes; the
    # person sees their record but may not (403); break-glass never writes. The plan is the
    # team's one shared plan, so a plan-only share lets them change it too.
    Action.PLAN_EDIT: {**IN_THE_TEAM, "person_own": 403},
    Action.NOTE_WRITE: {
        **RECORD_ONLY_FOR_PERSON,
        "person_own": 403,
        "clinician_with": A,
        "clinician_whole": A,
    },
    # Notes and messages are between the person and their team: break-glass does not open them.
    # Notes may hold intake answers, so a plan-only share does not open them; messages it does.
    Action.NOTE_READ: {**RECORD_ONLY_FOR_PERSON, "clinician_with": A, "clinician_whole": A},
    Action.MESSAGE_READ: IN_THE_TEAM,
    Action.MESSAGE_SEND: IN_THE_TEAM,
    # The care team. "Plan and progress only" opens these and nothing above (the plan's change
    # history, /plan/edits and /plan/history, is a plan read).
    Action.PLAN_READ: {**IN_THE_TEAM, "admin_glass": A},
    Action.TEAM_READ: IN_THE_TEAM,
    Action.TEAM_MANAGE: RECORD_ONLY_FOR_PERSON,
    Action.LEAD_HANDOVER: IN_THE_TEAM,
    Action.ALERT_HANDLE: {**IN_THE_TEAM, "person_own": 403},
    Action.SEEN_REPORT: RECORD_ONLY_FOR_PERSON,
    Action.SEEN_CONFIRM: {**IN_THE_TEAM, "person_own": 403},
    Action.INVITE_REDEEM: {"person": 403, "clinician": A, "admin": 403},
    Action.CASELOAD: {"person": 403, "clinician": A, "admin": 403},
    Action.MANAGE_CLINICS: {"person": 403, "clinician": 403, "admin": A},
    # The case review: meetings are clinicians'; what they show of a person is the team's,
    # whatever the share (a plan-only share leaves the notes out); the person reads the
    # decisions addressed to them.
    Action.CASE_REVIEWS: {"person": 403, "clinician": A, "admin": 403},
    Action.CASE_REVIEW_RUN: {"person": 403, "clinician": A, "admin": 403},
    Action.CASE_SUMMARY: {**IN_THE_TEAM, "person_own": 403},
    Action.CASE_DECIDE: {**IN_THE_TEAM, "person_own": 403},
    Action.CASE_DECISIONS: IN_THE_TEAM,
    # Referrals: the person and every clinician in the team read them and take their steps (the
    # transition table says whose step each is); referring the person on needs more than the
    # plan and progress, so a plan-only share may not.
    Action.REFERRAL_READ: IN_THE_TEAM,
    Action.REFERRAL_CREATE: {
        **RECORD_ONLY_FOR_PERSON,
        "person_own": A,
        "clinician_with": A,
        "clinician_whole": A,
    },
    Action.REFERRAL_UPDATE: IN_THE_TEAM,
    # Appointments: a clinician in the team proposes, the person answers, either cancels.
    Action.APPOINTMENT_READ: IN_THE_TEAM,
    Action.APPOINTMENT_PROPOSE: {**IN_THE_TEAM, "person_own": 403},
    Action.APPOINTMENT_ANSWER: RECORD_ONLY_FOR_PERSON,
    Action.APPOINTMENT_CANCEL: IN_THE_TEAM,
}
WITH_THE_RECORD: dict[Action, dict[str, object]] = {
    # Into the record named in the query: a write (the person's own, a clinician's in care).
    Action.IMPORT: EXPECTED[Action.WRITE],
}
"""The answers of a route called again with its record named in the query."""
RECORD_IN_QUERY = {"/api/v1/patients/import": "patient_id"}
JSON_BODIES = {
    "/api/v1/patients": {"display_name": "New"},
    "/api/v1/patients/{patient_id}/assessments": CHRONIC,
    "/api/v1/patients/{patient_id}/checkins": {"date": "2024-05-15", "pain_now": 3},
    "/api/v1/patients/{patient_id}/sessions": {
        "date": "2024-05-15",
        "item_id": "not-planned",
        "duration_seconds": 60,
        "felt": 5,
    },
    "/api/v1/patients/{patient_id}/measures": {
        "date": "2024-05-15",
        "value": {"kind": "NPRS", "score": 4},
    },
    "/api/v1/patients/{patient_id}/break-glass": {"reason": "Unconscious in the emergency room"},
    "/api/v1/tokens": {"name": "matrix", "scope": "read"},
    "/api/v1/patients/{patient_id}/plan/edits": {
        "based_on_version": 1,
        "reason": "matrix",
        "operations": [{"op": "change", "item_id": "strengthen-bird-dog", "dose": "x"}],
    },
    "/api/v1/patients/{patient_id}/notes": {"kind": "progress", "visibility": "team", "body": "x"},
    "/api/v1/patients/{patient_id}/notes/{note_id}": {"body": "y"},
    "/api/v1/patients/{patient_id}/notes/{note_id}/addenda": {"body": "z"},
    "/api/v1/patients/{patient_id}/threads": {"subject": "s", "body": "b"},
    "/api/v1/patients/{patient_id}/threads/{thread_id}/messages": {"body": "b"},
    "/api/v1/patients/{patient_id}/team/invites": {"share": "plan_and_progress"},
    "/api/v1/patients/{patient_id}/team/handovers": {"clinician": "carer"},
    "/api/v1/patients/{patient_id}/team/handovers/{handover_id}/answer": {"accept": False},
    "/api/v1/team/invites/preview": {"code": "AAAAA-BBBBB"},
    "/api/v1/team/invites/answer": {"code": "AAAAA-BBBBB", "accept": False},
    "/api/v1/clinics": {"name": "Matrix clinic"},
    "/api/v1/patients/{patient_id}/alerts/{alert_id}/acknowledge": {"note": ""},
    "/api/v1/patients/{patient_id}/alerts/{alert_id}/resolve": {"reason": "matrix"},
    "/api/v1/patients/{patient_id}/seen-reports": {
        "seen_by": "gp",
        "seen_on": "2024-05-15",
        "outcome": "treated",
        "warnings": [],
    },
    "/api/v1/case-reviews": {"held_on": "2024-05-15", "clinic": "Nowhere"},
    "/api/v1/case-reviews/{meeting_id}/attendees": {"attendees": []},
    "/api/v1/case-reviews/{meeting_id}/minutes": {"minutes": "m"},
    "/api/v1/case-reviews/{meeting_id}/addenda": {"body": "a"},
    "/api/v1/case-reviews/{meeting_id}/people/{patient_id}/decisions": {
        "text": "Walk daily",
        "owner": "person",
        "due_on": "2024-05-20",
    },
    "/api/v1/patients/{patient_id}/referrals": {"profession": "doctor", "reason": "matrix"},
    # Closing a requested referral reaches the transition table (409) whoever asks: the party
    # check after it (403 for the wrong one) is the use case's, not the policy's.
    "/api/v1/patients/{patient_id}/referrals/{referral_id}/steps": {"step": "close"},
    "/api/v1/patients/{patient_id}/referrals/{referral_id}/counter": {"reason": "matrix"},
    "/api/v1/patients/{patient_id}/appointments": {
        "times": [{"starts_at": "2030-01-01T10:00:00Z", "ends_at": "2030-01-01T10:30:00Z"}],
        "mode": "in_person",
        "place": "Matrix clinic",
    },
    "/api/v1/patients/{patient_id}/appointments/{appointment_id}/accept": {"time_id": 1},
    "/api/v1/patients/{patient_id}/appointments/{appointment_id}/decline": {},
    "/api/v1/patients/{patient_id}/appointments/{appointment_id}/cancel": {},
    "/api/v1/patients/{patient_id}/seen-reports/{report_id}/decision": {
        "confirm": False,
        "reason": "matrix",
    },
}
NOT_FOUND_BY_POLICY = re.compile(r"No record you may see has the id")


def declared_action(route: APIRoute) -> tuple[bool, Action | None]:
    """Whether the route declares a guard, and its action (None: public)."""
    stack = list(route.dependant.dependencies)
    while stack:
        dependant = stack.pop()
        if isinstance(dependant.call, Guard):
            return True, dependant.call.action
        stack.extend(dependant.dependencies)
    return False, None


@dataclass(frozen=True)
class Served:
    """One route as served: its full path, its methods, and the route that declares it."""

    path: str
    methods: frozenset[str]
    route: APIRoute


def api_and_page_routes(app: FastAPI) -> list[Served]:
    """Every API route and page (routers included), from the app's own route table."""
    found = []
    for context in iter_route_contexts(app.routes):
        original = context.original_route
        if isinstance(original, APIRoute) and context.path:
            found.append(Served(context.path, frozenset(context.methods or ()), original))
    return found


def test_the_route_table_is_read_through_included_routers(app: FastAPI) -> None:
    paths = {served.path for served in api_and_page_routes(app)}
    assert {"/api/v1/patients/{patient_id}/checkins", "/patients/{patient_id}/plan"} <= paths
    assert len(paths) > 30


def test_every_route_declares_its_policy(app: FastAPI) -> None:
    undeclared = [
        f"{sorted(s.methods)} {s.path}"
        for s in api_and_page_routes(app)
        if not declared_action(s.route)[0]
    ]
    assert undeclared == []
    others = {
        context.path
        for context in iter_route_contexts(app.routes)
        if not isinstance(context.original_route, APIRoute)
    }
    assert others <= UNDECLARED_BY_DESIGN | {"/static"}


@dataclass
class World:
    """Two people with records, a clinician caring for one, and two admins."""

    own: str
    other: str
    spare: str
    """A record only the plain admin's break-glass touches (so the others stay as they are)."""
    targets: dict[str, str]


def build_world(engine: Engine, client: TestClient) -> World:
    own = make_account(engine, "ann", Role.PERSON).patient_id
    other = make_account(engine, "bob", Role.PERSON).patient_id
    spare = make_account(engine, "cat", Role.PERSON).patient_id
    assert own
    assert other
    assert spare
    make_account(engine, "carer", Role.CLINICIAN)
    make_account(engine, "whole", Role.CLINICIAN)
    make_account(engine, "planner", Role.CLINICIAN)
    make_account(engine, "stranger", Role.CLINICIAN)
    make_account(engine, "admin1", Role.ADMIN)
    make_account(engine, "admin2", Role.ADMIN)
    make_account(engine, "victim", Role.ADMIN)
    grant(engine, "carer", other)
    grant(engine, "whole", other, whole_record=True)
    grant(engine, "planner", other, plan_and_progress_only=True)
    for person, record in (("ann", own), ("bob", other)):
        sign_in(client, person)
        assert client.post(f"/api/v1/patients/{record}/assessments", json=CHRONIC).is_success
        client.cookies.clear()
    with unit_of_work(engine) as session:
        admin = account_by_name(session, "admin2")
        assert admin is not None
        actor = Actor(kind=Kind.ADMIN, name="admin2", account_id=admin.id)
        reason = BreakGlassCreate(reason="Unconscious in the emergency room")
        open_record(
            session,
            admin=actor,
            patient_id=other,
            data=reason,
            source="t",
            now=utcnow(),
            minutes=60,
        )
    targets = {
        "anonymous": own,
        "person_own": own,
        "person_other": other,
        "clinician_with": other,
        "clinician_whole": other,
        "clinician_plan": other,
        "clinician_without": own,
        "admin": other,
        "admin_glass": other,
    }
    return World(own, other, spare, targets)


ACCOUNT_OF = {
    "person_own": "ann",
    "person_other": "ann",
    "clinician_with": "carer",
    "clinician_whole": "whole",
    "clinician_plan": "planner",
    "clinician_without": "stranger",
    "admin": "admin1",
    "admin_glass": "admin2",
}


def expected(action: Action | None, actor: str, *, record_in_query: bool = False) -> object:
    if action is None:
        return A
    if actor == "anonymous":
        return 401
    table = WITH_THE_RECORD[action] if record_in_query else EXPECTED[action]
    return table.get(actor, table.get(actor.split("_")[0]))


def outcome(response: Any, *, is_page: bool) -> object:
    """401, 403, 404 when the policy refused; else 'allowed' (whatever the route then said)."""
    if response.status_code == 303 and "/signin?next=" in response.headers.get("location", ""):
        return 401
    template = getattr(response, "template", None) if is_page else None
    if template is not None and template.name == "signin.html":
        return A  # the sign-in page answering a failed sign-in: the route ran
    if response.status_code in (401, 403):
        return response.status_code
    if response.status_code == 404:
        text = response.text if not is_page else str(response.context.get("message", ""))
        if NOT_FOUND_BY_POLICY.search(text):
            return 404
    return A


def call(
    client: TestClient, served: Served, method: str, target: str, *, record_in_query: bool = False
) -> Any:
    params = {RECORD_IN_QUERY[served.path]: target} if record_in_query else None
    path = (
        served.path.replace("{patient_id}", target)
        .replace("{version}", "1")
        .replace("{note_id}", "1")
        .replace("{thread_id}", "1")
        .replace("{token_id}", "0123456789abcdef")
        .replace("{username}", "victim")
        .replace("{secret}", "x" * 43)
        .replace("{invite_id}", "1")
        .replace("{handover_id}", "1")
        .replace("{alert_id}", "1")
        .replace("{report_id}", "1")
        .replace("{meeting_id}", "1")
        .replace("{referral_id}", "1")
        .replace("{appointment_id}", "1")
        .replace("{clinician}", "carer")
        .replace("{clinic}", "Nowhere")
        .replace("{feed_id}", "0123456789abcdef")
        .replace("{token}", "x" * 43)
    )
    if served.path.startswith("/api/"):
        body = JSON_BODIES.get(served.path)
        return client.request(method, path, params=params, json=body, follow_redirects=False)
    return client.request(method, path, data={"reason": "x"}, follow_redirects=False)


def ordered(routes: list[Served]) -> Iterator[tuple[Served, str, bool]]:
    """Every (route, method, record named in the query), the erasure last (it ends the
    person's record)."""
    triples = [
        (s, m, in_query)
        for s in routes
        for m in sorted(s.methods - {"HEAD"})
        for in_query in ((False, True) if s.path in RECORD_IN_QUERY else (False,))
    ]
    return iter(
        sorted(triples, key=lambda triple: declared_action(triple[0].route)[1] is Action.ERASE)
    )


def test_the_routes_naming_their_record_in_the_query_are_in_the_table(app: FastAPI) -> None:
    paths = {served.path for served in api_and_page_routes(app)}
    assert set(RECORD_IN_QUERY) <= paths
    assert {"/api/v1/patients/{patient_id}/export", "/docs"} <= paths


def test_every_route_answers_each_actor_as_designed(app: FastAPI, engine: Engine) -> None:
    mismatches: list[str] = []
    with TestClient(app) as client:
        world = build_world(engine, client)
        for served, method, in_query in ordered(api_and_page_routes(app)):
            action = declared_action(served.route)[1]
            for actor in ACTORS:
                client.cookies.clear()
                client.headers.pop("X-CSRF-Token", None)
                if actor != "anonymous":
                    sign_in(client, ACCOUNT_OF[actor])
                target = world.targets[actor]
                if action is Action.BREAK_GLASS and actor == "admin":
                    target = world.spare
                response = call(client, served, method, target, record_in_query=in_query)
                got = outcome(response, is_page=not served.path.startswith("/api/"))
                want = expected(action, actor, record_in_query=in_query)
                if got != want:
                    asked = f"?{RECORD_IN_QUERY[served.path]}=" if in_query else ""
                    mismatches.append(
                        f"{method} {served.path}{asked} as {actor}: {got}, not {want}"
                    )
    assert mismatches == [], "\n".join(mismatches)

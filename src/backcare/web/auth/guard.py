"""The one authorization guard: every route declares its action, and the policy decides.

``Depends(guard(Action.READ))`` on a route reads the credential (bearer token or session
cookie), refuses forged requests (web.auth.csrf) and anonymous ones, and hands the route an
``Access``. The route runs its use case through it: ``await access.write(work)`` loads the
actor and asks the policy (backcare.access.policy) about the record in the path, then runs
``work`` in the same transaction (a read transaction for a read, a write transaction for a
write), all on one worker thread; the request's audit line then goes to
the batching audit writer, and the answer waits until that line is committed. A refusal is
logged the same way, then raised as 404 or 403.

Pages use ``page_guard``: the same check, before the page renders. Routes open to everyone
declare ``PUBLIC``; a route declaring nothing fails the route-table test
(tests/web/test_authorization_matrix.py).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial
from typing import Annotated, Any, TypeVar, cast

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from backcare.access.actors import CredentialKind
from backcare.access.policy import OPTIONAL_RECORD, Action, Actor, Outcome, actions_on
from backcare.access.service import AccessRequest, Decision, check, event_for, touch_session
from backcare.audit.schemas import AuditEvent
from backcare.errors import ForbiddenError, NotAuthenticatedError, NotFoundError
from backcare.store.db import read_only, unit_of_work
from backcare.web.auth.credentials import client_address, credential_from
from backcare.web.auth.csrf import SAFE_METHODS, check_origin, check_token
from backcare.web.state import WebState, web_state

T = TypeVar("T")
LOG = logging.getLogger("backcare.audit")
BEARER = HTTPBearer(
    auto_error=False,
    scheme_name="bearer",
    description="An API token (`backcare token create`, or your account page), sent as "
    "'Authorization: Bearer TOKEN'. Scoped read or write, expiring, revocable.",
)
BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)]
Work = Callable[[Session, Actor], T]
NOT_FOUND = "No record you may see has the id {id!r}."
FORBIDDEN = "You may not do this with your account or this token."
ENDED = "Sign in to continue: your sign-in has ended or is not valid."


@dataclass(frozen=True, slots=True)
class _Ran:
    """What a request's work came to: its result or the refusal, and the audit line to write."""

    result: object
    refused: Outcome | None
    event: AuditEvent | None
    at: dt.datetime


@dataclass(frozen=True, slots=True)
class Access:
    """One request's right to act, checked when its work runs."""

    state: WebState
    request: AccessRequest

    async def write(self, work: Callable[[Session], T]) -> T:
        """``work`` in one write transaction once the policy allows it."""
        return await self.write_as(lambda session, _actor: work(session))

    async def read(self, work: Callable[[Session], T]) -> T:
        """``work`` in one read transaction once the policy allows it."""
        return await self.read_as(lambda session, _actor: work(session))

    async def act(self, use_case: Callable[..., T], /, **arguments: Any) -> T:
        """``use_case(session, **arguments, by=actor, source=..., now=...)`` in one write
        transaction once the policy allows this route's action: the shape of every audited
        use case (the use case writes its own audit line, naming who, from where and when)."""
        source = self.request.source

        def work(session: Session, actor: Actor) -> T:
            return use_case(session, **arguments, by=actor, source=source, now=self.state.now())

        return await self.write_as(work)

    async def read_as(self, work: Work[T]) -> T:
        """``work(session, actor)`` in a read transaction (the check reads in the same one)."""
        return await self._go(work, write=False)

    async def write_as(self, work: Work[T]) -> T:
        """``work(session, actor)`` in a write transaction, after a check that only reads."""
        return await self._go(work, write=True)

    def check_now(self) -> Actor:
        """Check before a page renders: logged, and the actor returned (or the refusal raised)."""
        return self.check_page()[0]

    def check_page(self) -> tuple[Actor, frozenset[Action] | None]:
        """``check_now``, with every action the policy allows the actor on the page's record
        (None for a page naming no record), so the page offers only what it allows."""
        now = self.state.now()
        with read_only(self.state.engine) as session:
            decision = check(session, self.request, now=now, settings=self.state.settings)
        self._touch(decision, now)
        event = event_for(self.request, decision)
        if event is not None:
            try:
                self.state.audit.write_now(event, now)
            except Exception:  # any failure: SAFETY.md H-92, advice is never withheld
                LOG.exception("audit line not written: %s", event.model_dump_json())
        actor = cast(Actor, self._unwrap(_Ran(decision.actor, _refusal(decision), None, now)))
        record = decision.record
        return actor, None if record is None else actions_on(actor, record)

    async def _go(self, work: Work[T], *, write: bool) -> T:
        # While the work runs, the audit writer knows this line is coming and may wait for
        # it, so that the lines of requests in flight together are committed together.
        with self.state.audit.expecting() as line:
            ran = await self.state.database.run(partial(self._run, work, write=write))
            if ran.event is None:
                return cast(T, self._unwrap(ran))
            try:
                committed = line.enqueue(ran.event, ran.at)
            except Exception:  # any failure: SAFETY.md H-92, advice is never withheld
                LOG.exception("audit line not written: %s", ran.event.model_dump_json())
                return cast(T, self._unwrap(ran))
        # The answer waits for its audit line, so normally nothing is shown without one.
        try:
            await committed
        except Exception:  # any failure: SAFETY.md H-92, advice is never withheld
            LOG.exception("audit line not written: %s", ran.event.model_dump_json())
        return cast(T, self._unwrap(ran))

    def _run(self, work: Work[T], *, write: bool) -> _Ran:
        # One transaction per request, the check first: a write's check runs in the write
        # transaction itself. Checking in a read transaction of its own kept SQLite's write
        # lock free for one more indexed lookup, but opening, beginning and ending a second
        # transaction cost a check-in a tenth to a quarter of its CPU (bench/api_bench.py).
        now = self.state.now()
        transaction = unit_of_work if write else read_only
        with transaction(self.state.engine) as session:
            decision = check(session, self.request, now=now, settings=self.state.settings)
            event = event_for(self.request, decision)
            if not decision.allowed or decision.actor is None:
                return _Ran(None, _refusal(decision), event, now)
            if write:
                touch_session(session, decision, now=now)
            result = work(session, decision.actor)
        if not write:
            self._touch(decision, now)
        return _Ran(result, None, event, now)

    def _touch(self, decision: Decision, now: dt.datetime) -> None:
        if decision.touch is not None:
            with unit_of_work(self.state.engine) as session:
                touch_session(session, decision, now=now)

    def _unwrap(self, ran: _Ran) -> object:
        """The work's result, or the refusal as a domain error (401, 403 or 404)."""
        if ran.refused is None:
            return ran.result
        if ran.refused is Outcome.UNAUTHENTICATED:
            raise NotAuthenticatedError(ENDED)
        if ran.refused is Outcome.NOT_FOUND:
            # The same sentence whether the record does not exist or is someone else's.
            raise NotFoundError(NOT_FOUND.format(id=self.request.patient_id or ""))
        raise ForbiddenError(FORBIDDEN)


def _refusal(decision: Decision) -> Outcome | None:
    return None if decision.allowed else decision.outcome


class Guard:
    """The dependency of one action (one instance per action, so routes can be inspected)."""

    def __init__(self, action: Action | None) -> None:
        self.action = action
        """None for routes open to everyone."""

    async def __call__(self, request: Request, _bearer: BearerDep) -> Access:
        return await self.access(request)

    async def access(self, request: Request) -> Access:
        """Read the credential, refuse forged and anonymous requests, and describe the rest."""
        credential = credential_from(request)
        if request.method not in SAFE_METHODS and (
            credential is None or credential.kind is CredentialKind.SESSION
        ):
            check_origin(request)
            # Public forms (sign in, the one-time link) have no session to take a token from,
            # and a stale cookie must never stop anyone signing in again.
            if credential is not None and self.action is not None:
                await check_token(request, credential.secret)
        if credential is not None and credential.kind is CredentialKind.SESSION:
            request.state.session_secret = credential.secret
        if credential is None and self.action is not None:
            raise NotAuthenticatedError("Sign in to continue.")
        patient_id = request.path_params.get("patient_id")
        if patient_id is None and self.action in OPTIONAL_RECORD:
            # An import names its record in the query, or none for a new record.
            patient_id = request.query_params.get("patient_id") or None
        access_request = AccessRequest(
            credential=credential,
            action=self.action or Action.ACCOUNT_READ,
            patient_id=patient_id if isinstance(patient_id, str) else None,
            source=client_address(request),
            detail=_detail(request),
        )
        return Access(web_state(request), access_request)


class PublicGuard(Guard):
    """The guard of routes open to everyone: no security requirement in the OpenAPI."""

    async def __call__(self, request: Request) -> Access:  # type: ignore[override]
        return await self.access(request)


def _route_name(request: Request) -> str:
    route: Any = request.scope.get("route")
    return str(getattr(route, "name", "")) or request.url.path[:100]


IN_THE_DETAIL = ("format", "date")
"""Query parameters the audit line names: an export's format, an assessment's backdated day.
Both are validated before the work runs, and so before any line is written."""


def _detail(request: Request) -> str:
    """The route's name, with what the audit line should say about how it was asked."""
    route: Any = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    declared = {param.alias: param.default for param in getattr(dependant, "query_params", ())}
    asked = []
    for name in IN_THE_DETAIL:
        if name not in declared:
            continue
        given = request.query_params.get(name) or declared[name]  # the default when not given
        if given is not None:
            asked.append(f"{name}={str(given)[:20]}")
    return " ".join([_route_name(request), *asked])


@cache
def guard(action: Action) -> Guard:
    """The guard of ``action``."""
    return Guard(action)


def page_guard(action: Action) -> Callable[..., Actor]:
    """The guard for a page: checks before the page renders and gives it the actor."""
    return _page_guards(action)


@cache
def _page_guards(action: Action) -> Callable[..., Actor]:
    # The action is known only here, so the dependency goes in the default (annotations are
    # strings under `from __future__ import annotations` and cannot name a local alias).
    def checked(request: Request, access: Access = Depends(guard(action))) -> Actor:  # noqa: B008
        actor, allowed = access.check_page()
        request.state.actor = actor
        request.state.record_actions = allowed
        return actor

    checked.__name__ = f"page_guard_{action.name.lower()}"
    return checked


PUBLIC = PublicGuard(None)

"""Request dependencies as ``Annotated`` aliases: transactions, knowledge, the clock, paging."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Path, Query, Request
from sqlalchemy.orm import Session

from backcare.access.policy import Action
from backcare.knowledge.loader import Knowledge
from backcare.store.db import read_only, unit_of_work
from backcare.web.auth.guard import PUBLIC, Access, guard
from backcare.web.pictures import Pictures
from backcare.web.schemas import PageParams
from backcare.web.state import web_state
from backcare.web.transactions import Database

MAX_PAGE = 500
# Far beyond any real history, and small enough for every database's integer types.
MAX_OFFSET = 1_000_000


def write_session(request: Request) -> Iterator[Session]:
    """One write transaction for the request, committed before the response is sent."""
    with unit_of_work(web_state(request).engine) as session:
        yield session


def read_session(request: Request) -> Iterator[Session]:
    """One read transaction for the request; it never takes SQLite's write lock."""
    with read_only(web_state(request).engine) as session:
        yield session


# Dependencies that only read app state are ``async def``: FastAPI runs a plain ``def``
# dependency in its thread pool, a hop that costs more than the work itself.
async def database(request: Request) -> Database:
    return web_state(request).database


async def knowledge(request: Request) -> Knowledge:
    return web_state(request).knowledge


async def pictures(request: Request) -> Pictures:
    return web_state(request).pictures


async def today(request: Request) -> dt.date:
    """Today's date from the app's clock (tests pass a fixed one)."""
    return web_state(request).today()


async def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Rows per page.")] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")] = 0,
) -> PageParams:
    return PageParams(limit=limit, offset=offset)


# For pages (plain ``def`` routes that also render). scope="function": the transaction ends
# (commits) when the route returns, before the response is sent, so a failed commit is never
# reported as a success. API routes use DatabaseDep (backcare.web.transactions) instead.
SessionDep = Annotated[Session, Depends(write_session, scope="function")]
ReadSessionDep = Annotated[Session, Depends(read_session, scope="function")]
DatabaseDep = Annotated[Database, Depends(database)]
KnowledgeDep = Annotated[Knowledge, Depends(knowledge)]
PicturesDep = Annotated[Pictures, Depends(pictures)]
TodayDep = Annotated[dt.date, Depends(today)]
PageDep = Annotated[PageParams, Depends(page_params)]
PatientId = Annotated[
    str,
    Path(
        min_length=1,
        max_length=64,
        pattern=r"^[A-Za-z0-9_-]+$",
        description="The patient's id (32 hexadecimal characters).",
    ),
]

# The declared action of every API route (web.auth.guard); the route runs its work through it.
ReadAccess = Annotated[Access, Depends(guard(Action.READ))]
WriteAccess = Annotated[Access, Depends(guard(Action.WRITE))]
ExportAccess = Annotated[Access, Depends(guard(Action.EXPORT))]
ImportAccess = Annotated[Access, Depends(guard(Action.IMPORT))]
EraseAccess = Annotated[Access, Depends(guard(Action.ERASE))]
AccessLogAccess = Annotated[Access, Depends(guard(Action.ACCESS_LOG))]
CreateAccess = Annotated[Access, Depends(guard(Action.CREATE))]
ListAccess = Annotated[Access, Depends(guard(Action.LIST))]
AccountReadAccess = Annotated[Access, Depends(guard(Action.ACCOUNT_READ))]
AccountChangeAccess = Annotated[Access, Depends(guard(Action.ACCOUNT_CHANGE))]
BreakGlassAccess = Annotated[Access, Depends(guard(Action.BREAK_GLASS))]
PlanEditAccess = Annotated[Access, Depends(guard(Action.PLAN_EDIT))]
NoteReadAccess = Annotated[Access, Depends(guard(Action.NOTE_READ))]
NoteWriteAccess = Annotated[Access, Depends(guard(Action.NOTE_WRITE))]
MessageReadAccess = Annotated[Access, Depends(guard(Action.MESSAGE_READ))]
MessageSendAccess = Annotated[Access, Depends(guard(Action.MESSAGE_SEND))]
PublicAccess = Annotated[Access, Depends(PUBLIC)]
# The care team (backcare.team, backcare.alerts, backcare.seen).
PlanReadAccess = Annotated[Access, Depends(guard(Action.PLAN_READ))]
TeamReadAccess = Annotated[Access, Depends(guard(Action.TEAM_READ))]
TeamManageAccess = Annotated[Access, Depends(guard(Action.TEAM_MANAGE))]
LeadHandoverAccess = Annotated[Access, Depends(guard(Action.LEAD_HANDOVER))]
AlertHandleAccess = Annotated[Access, Depends(guard(Action.ALERT_HANDLE))]
SeenReportAccess = Annotated[Access, Depends(guard(Action.SEEN_REPORT))]
SeenConfirmAccess = Annotated[Access, Depends(guard(Action.SEEN_CONFIRM))]
InviteRedeemAccess = Annotated[Access, Depends(guard(Action.INVITE_REDEEM))]
CaseloadAccess = Annotated[Access, Depends(guard(Action.CASELOAD))]
ManageClinicsAccess = Annotated[Access, Depends(guard(Action.MANAGE_CLINICS))]
# The weekly case review (backcare.case_review).
CaseReviewsAccess = Annotated[Access, Depends(guard(Action.CASE_REVIEWS))]
CaseReviewRunAccess = Annotated[Access, Depends(guard(Action.CASE_REVIEW_RUN))]
CaseSummaryAccess = Annotated[Access, Depends(guard(Action.CASE_SUMMARY))]
CaseDecideAccess = Annotated[Access, Depends(guard(Action.CASE_DECIDE))]
CaseDecisionsAccess = Annotated[Access, Depends(guard(Action.CASE_DECISIONS))]
# Referrals and appointments (backcare.referrals, backcare.appointments).
ReferralReadAccess = Annotated[Access, Depends(guard(Action.REFERRAL_READ))]
ReferralCreateAccess = Annotated[Access, Depends(guard(Action.REFERRAL_CREATE))]
ReferralUpdateAccess = Annotated[Access, Depends(guard(Action.REFERRAL_UPDATE))]
AppointmentReadAccess = Annotated[Access, Depends(guard(Action.APPOINTMENT_READ))]
AppointmentProposeAccess = Annotated[Access, Depends(guard(Action.APPOINTMENT_PROPOSE))]
AppointmentAnswerAccess = Annotated[Access, Depends(guard(Action.APPOINTMENT_ANSWER))]
AppointmentCancelAccess = Annotated[Access, Depends(guard(Action.APPOINTMENT_CANCEL))]
RowNumber = Annotated[int, Path(ge=1, le=2**53, description="The row's id.")]

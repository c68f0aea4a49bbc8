"""The weekly case review: meetings of a clinic or of one person's care team, their agenda,
each person's summary, decisions, attendees and minutes; and the decisions a person is given."""

from __future__ import annotations

from fastapi import APIRouter, Response
from sqlalchemy.orm import Session

from backcare.access.policy import Actor
from backcare.case_review import decisions, meetings
from backcare.case_review.schemas import (
    AddendumCreate,
    AttendeesUpdate,
    DecisionCreate,
    DecisionRead,
    MeetingCreate,
    MeetingRead,
    MeetingRow,
    MinutesUpdate,
    SummaryRead,
)
from backcare.case_review.summary import summary
from backcare.web.api.paths import API_V1
from backcare.web.api.responses import problems
from backcare.web.deps import (
    CaseDecideAccess,
    CaseDecisionsAccess,
    CaseReviewRunAccess,
    CaseReviewsAccess,
    CaseSummaryAccess,
    KnowledgeDep,
    PatientId,
    RowNumber,
    TodayDep,
)

router = APIRouter(prefix=API_V1, tags=["case review"])
MEETING = "/case-reviews/{meeting_id}"


@router.get("/case-reviews", responses=problems(401, 403))
async def list_meetings(access: CaseReviewsAccess) -> list[MeetingRow]:
    """The case reviews you may attend (your clinics', and your people's teams'), latest first."""
    return await access.read_as(lambda session, actor: meetings.list_for(session, actor=actor))


@router.post("/case-reviews", status_code=201, responses=problems(401, 403, 404))
async def open_meeting(
    data: MeetingCreate, access: CaseReviewRunAccess, knowledge: KnowledgeDep, today: TodayDep
) -> MeetingRead:
    """Open a case review of a clinic you belong to, or of the care team of a person you care
    for, about the week that ends on ``held_on``; its agenda is built for that week."""

    def work(session: Session, actor: Actor) -> MeetingRead:
        return meetings.open_new(
            session,
            data=data,
            actor=actor,
            today=today,
            source=access.request.source,
            now=access.state.now(),
            thresholds=knowledge.thresholds,
        )

    return await access.write_as(work)


@router.get(MEETING, responses=problems(401, 403, 404))
async def read_meeting(
    meeting_id: RowNumber, access: CaseReviewsAccess, knowledge: KnowledgeDep
) -> MeetingRead:
    """The meeting: the agenda of the people in your care (open alerts, flagged by the week's
    reviews, not improving, or added by hand), attendees, minutes, decisions and addenda."""

    def work(session: Session, actor: Actor) -> MeetingRead:
        return meetings.read(
            session, meeting_id=meeting_id, actor=actor, thresholds=knowledge.thresholds
        )

    return await access.read_as(work)


@router.put(f"{MEETING}/attendees", responses=problems(401, 403, 404, 409))
async def set_attendees(
    meeting_id: RowNumber,
    data: AttendeesUpdate,
    access: CaseReviewRunAccess,
    knowledge: KnowledgeDep,
) -> MeetingRead:
    """Who is at the meeting: clinicians of its clinic, or of the person's team (409 once
    closed)."""

    def work(session: Session, actor: Actor) -> MeetingRead:
        return meetings.set_attendees(
            session,
            meeting_id=meeting_id,
            data=data,
            actor=actor,
            source=access.request.source,
            now=access.state.now(),
            thresholds=knowledge.thresholds,
        )

    return await access.write_as(work)


@router.put(f"{MEETING}/minutes", responses=problems(401, 403, 404, 409))
async def set_minutes(
    meeting_id: RowNumber, data: MinutesUpdate, access: CaseReviewRunAccess, knowledge: KnowledgeDep
) -> MeetingRead:
    """Keep the minutes so far (409 once the meeting is closed: add an addendum instead)."""

    def work(session: Session, actor: Actor) -> MeetingRead:
        return meetings.set_minutes(
            session,
            meeting_id=meeting_id,
            data=data,
            actor=actor,
            source=access.request.source,
            now=access.state.now(),
            thresholds=knowledge.thresholds,
        )

    return await access.write_as(work)


@router.post(f"{MEETING}/close", responses=problems(401, 403, 404, 409))
async def close_meeting(
    meeting_id: RowNumber, access: CaseReviewRunAccess, knowledge: KnowledgeDep
) -> MeetingRead:
    """Close the meeting: its agenda is kept as it stands and it becomes read-only (409 when
    it is closed already)."""

    def work(session: Session, actor: Actor) -> MeetingRead:
        return meetings.close(
            session,
            meeting_id=meeting_id,
            actor=actor,
            thresholds=knowledge.thresholds,
            source=access.request.source,
            now=access.state.now(),
        )

    return await access.write_as(work)


@router.post(f"{MEETING}/addenda", status_code=201, responses=problems(401, 403, 404, 409))
async def add_addendum(
    meeting_id: RowNumber,
    data: AddendumCreate,
    access: CaseReviewRunAccess,
    knowledge: KnowledgeDep,
) -> MeetingRead:
    """Amend a closed meeting's minutes by an addendum (409 while it is open)."""

    def work(session: Session, actor: Actor) -> MeetingRead:
        return meetings.add_addendum(
            session,
            meeting_id=meeting_id,
            data=data,
            actor=actor,
            source=access.request.source,
            now=access.state.now(),
            thresholds=knowledge.thresholds,
        )

    return await access.write_as(work)


@router.get(f"{MEETING}/people/{{patient_id}}", responses=problems(401, 403, 404))
async def person_summary(
    meeting_id: RowNumber,
    patient_id: PatientId,
    access: CaseSummaryAccess,
    knowledge: KnowledgeDep,
    today: TodayDep,
) -> SummaryRead:
    """One person's page for the meeting: pain each week against the important change,
    adherence, plan changes since their last review (author, profession, reason), the team's
    signed notes (not with a plan-and-progress-only share: then ``notes`` is null), open alerts
    and referrals, and the decisions about them."""

    def work(session: Session, actor: Actor) -> SummaryRead:
        found = summary(
            session,
            meeting_id=meeting_id,
            patient_id=patient_id,
            actor=actor,
            knowledge=knowledge,
            today=today,
        )
        return found.read

    return await access.read_as(work)


@router.put(
    f"{MEETING}/people/{{patient_id}}",
    status_code=204,
    responses=problems(401, 403, 404, 409),
)
async def add_to_agenda(
    meeting_id: RowNumber, patient_id: PatientId, access: CaseDecideAccess
) -> Response:
    """Put a person in your care on the meeting's agenda (409 once the meeting is closed)."""

    def work(session: Session, actor: Actor) -> bool:
        return decisions.add_to_agenda(
            session,
            meeting_id=meeting_id,
            patient_id=patient_id,
            actor=actor,
            source=access.request.source,
            now=access.state.now(),
        )

    await access.write_as(work)
    return Response(status_code=204)


@router.post(
    f"{MEETING}/people/{{patient_id}}/decisions",
    status_code=201,
    responses=problems(401, 403, 404, 409),
)
async def record_decision(
    meeting_id: RowNumber, patient_id: PatientId, data: DecisionCreate, access: CaseDecideAccess
) -> DecisionRead:
    """Record a decision about the person: what, its owner ("person", or a clinician of their
    team) and its due date (from the meeting's day to a year after). 409 once closed."""

    def work(session: Session, actor: Actor) -> DecisionRead:
        return decisions.decide(
            session,
            meeting_id=meeting_id,
            patient_id=patient_id,
            data=data,
            actor=actor,
            source=access.request.source,
            now=access.state.now(),
        )

    return await access.write_as(work)


@router.get("/patients/{patient_id}/case-review-decisions", responses=problems(401, 404))
async def decisions_for_person(
    patient_id: PatientId, access: CaseDecisionsAccess
) -> list[DecisionRead]:
    """The case-review decisions addressed to the person themselves (none addressed to a
    clinician), newest first."""

    def work(session: Session, _actor: Actor) -> list[DecisionRead]:
        return decisions.addressed_to_person(session, patient_id=patient_id)

    return await access.read_as(work)

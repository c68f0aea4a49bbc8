"""Review use cases: the weekly review, the review after each check-in, the end of a flare.

Services take a Session and never commit; the command or request commits once at its edge.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from sqlalchemy.orm import Session

from backcare.adaptation import repository
from backcare.adaptation.baselines import baselines_for, lookback
from backcare.adaptation.clinician_edits import keeping_edits
from backcare.adaptation.flare_end import end_flare_if_over
from backcare.adaptation.record import AUTHORS, Context, store_review
from backcare.adaptation.schemas import ReviewRead, ReviewReport
from backcare.adaptation.state import CareState, load_state, require_state
from backcare.assessments import repository as plans
from backcare.domain.adapt import Review, checkin_review, weekly_review
from backcare.domain.adapt.outcome import long_date
from backcare.domain.tracking import CheckInRecord, History
from backcare.errors import InvalidInputError
from backcare.knowledge.loader import Knowledge
from backcare.patients.service import require_patient
from backcare.tracking.history import history_for
from backcare.tracking.schemas import CheckInCreate, CheckInRead, CheckInSaved
from backcare.tracking.service import (
    checkin_values,
    record_checkin,
    record_start_day,
    require_not_after_today,
)

REVIEW_INTERVAL = dt.timedelta(days=7)
"""A plan a weekly review changed gets a full week before the next review may change it again:
each review reads a 7-day week, and a daily review would step a plan up several times in one
week on the same good days."""


def review_patient(
    session: Session,
    *,
    patient_id: str,
    knowledge: Knowledge,
    today: dt.date,
    at: dt.datetime | None = None,
) -> ReviewReport:
    """The weekly review of the 7 days ending ``today``, after ending a flare that is over."""
    state = require_state(session, patient_id=patient_id)
    _require_reviewable(session, patient_id, today)
    reviews = end_flare_if_over(session, Context(state, "flare_end", today, knowledge, at))
    state = _reload(session, state, reviews)
    ctx = Context(state, "weekly", today, knowledge, at)
    reviews.append(store_review(session, ctx, _weekly(session, ctx)))
    return _report(session, state, reviews)


def _weekly(session: Session, ctx: Context) -> Review:
    state = ctx.state
    too_soon = _too_soon(session, state, ctx.day)
    if too_soon is not None:
        return too_soon
    return keeping_edits(
        session,
        patient_id=state.patient_id,
        plan=state.plan,
        run=lambda plan: weekly_review(
            intake=state.intake,
            plan=plan,
            history=history_for(
                session,
                patient_id=state.patient_id,
                until=ctx.day,
                daily_since=ctx.day - lookback(ctx.knowledge.thresholds) + dt.timedelta(days=1),
            ),
            knowledge=ctx.knowledge,
            today=ctx.day,
            assessed_on=state.assessed_on,
            baselines=baselines_for(session, state, ctx.knowledge.thresholds),
        ),
    )


def _require_reviewable(session: Session, patient_id: str, today: dt.date) -> None:
    """A review looks at days of the record: not at a day before it began."""
    start = record_start_day(session, patient_id=patient_id)
    if today < start:
        raise InvalidInputError(
            f"today: {today.isoformat()} is before this person's record began "
            f"({start.isoformat()}), so there is nothing to review yet."
        )


def _too_soon(session: Session, state: CareState, today: dt.date) -> Review | None:
    """A review that changes nothing, when the last weekly change is less than a week old."""
    last = plans.latest_by(session, state.patient_id, AUTHORS["weekly"])
    if last is None or last.reviewed_on is None or today - last.reviewed_on >= REVIEW_INTERVAL:
        return None
    due = last.reviewed_on + REVIEW_INTERVAL
    reason = (
        f"Your plan was changed by the weekly review of {long_date(last.reviewed_on)}. It stays "
        f"as it is until the next review, due on {long_date(due)}, so the change has a full week "
        "to show how it suits you."
    )
    return Review(rules_fired=(), changes=(), new_plan=None, explanation=reason, alerts=())


def check_in(
    session: Session,
    *,
    patient_id: str,
    data: CheckInCreate,
    knowledge: Knowledge,
    today: dt.date,
    at: dt.datetime | None = None,
    review: Literal["always", "when_needed"] = "always",
) -> tuple[CheckInSaved, ReviewReport | None]:
    """Store a check-in for a day from the start of the record to ``today`` (the person's
    today) and review it at once (warning signs, flare-ups, severe pain, a flare's end).

    The report is None when the patient has no plan yet, and, with ``review="when_needed"``,
    when the review could change nothing: a check-in with no warning sign, no flare-up and pain
    under the high-pain level, on a plan that is not a relief plan, fires no rule
    (tests/web/test_checkin_review_guard.py keeps this true). The plan is then not loaded,
    which is most of the cost of a check-in, and no report saying that nothing changed is made.
    """
    require_not_after_today(data.date, today)
    severe = data.pain_now >= knowledge.thresholds.high_pain_level.value
    if review == "when_needed" and not (data.warnings or data.flare_up or severe):
        values = checkin_values(patient_id, data)
        stored = repository.insert_unless_relief(session, values)
        if stored is not None:
            return CheckInSaved.model_validate(dict(stored)), None
        replaced = repository.replace_plain_unless_relief(session, values)
        if replaced is not None:
            return CheckInSaved.model_validate({**replaced, "replaced": True}), None
        # Not stored: no such patient (NotFoundError below), a day before the record began
        # (InvalidInputError from record_checkin), a relief plan to review, or a check-in of
        # that day to replace.
    # Lock the patient first: the insert's foreign-key lock and then the review's row lock,
    # taken in that order by two check-ins at once, deadlock on PostgreSQL.
    require_patient(session, patient_id=patient_id, lock=True)
    checkin = record_checkin(session, patient_id=patient_id, data=data, today=today)
    # A replacing check-in is reviewed as the person answered it now: its warning signs re-run
    # triage like any new one (SAFETY.md H-121), while signs said earlier that day, already
    # reviewed then, stay on the stored row without raising their alert again.
    reported = checkin.model_copy(update={"warnings": data.warnings, "flare_up": data.flare_up})
    report = after_checkin(
        session, patient_id=patient_id, checkin=reported, knowledge=knowledge, at=at
    )
    return checkin, report


def after_checkin(
    session: Session,
    *,
    patient_id: str,
    checkin: CheckInRead,
    knowledge: Knowledge,
    at: dt.datetime | None = None,
) -> ReviewReport | None:
    """Review a just-stored check-in; None when the patient has no plan to review yet."""
    state = load_state(session, patient_id=patient_id)
    if state is None:
        return None
    day = checkin.date
    reviews = end_flare_if_over(session, Context(state, "flare_end", day, knowledge, at))
    state = _reload(session, state, reviews)
    record = _record(checkin)
    recent = _recent(session, patient_id, record, knowledge)
    review = keeping_edits(
        session,
        patient_id=patient_id,
        plan=state.plan,
        run=lambda plan: checkin_review(
            intake=state.intake,
            plan=plan,
            checkin=record,
            knowledge=knowledge,
            today=day,
            assessed_on=state.assessed_on,
            recent=recent,
        ),
    )
    reviews.append(store_review(session, Context(state, "checkin", day, knowledge, at), review))
    return _report(session, state, reviews)


def _recent(
    session: Session, patient_id: str, checkin: CheckInRecord, knowledge: Knowledge
) -> History | None:
    """The days the severe-pain rule counts, read only when this check-in is severe."""
    t = knowledge.thresholds
    if checkin.pain_now < t.high_pain_level.value:
        return None
    since = checkin.day - dt.timedelta(days=t.high_pain_window_days.value - 1)
    return history_for(session, patient_id=patient_id, until=checkin.day, daily_since=since)


def _record(checkin: CheckInRead) -> CheckInRecord:
    return CheckInRecord(
        day=checkin.date,
        pain_now=checkin.pain_now,
        sessions_done=checkin.sessions_done,
        minutes=checkin.minutes,
        warnings=frozenset(code.value for code in checkin.warnings),
        flare_up=checkin.flare_up,
    )


def _reload(session: Session, state: CareState, reviews: list[ReviewRead]) -> CareState:
    """The state again when a review stored a plan version; the same state otherwise."""
    if all(review.plan_version is None for review in reviews):
        return state
    return require_state(session, patient_id=state.patient_id)


def _report(session: Session, state: CareState, reviews: list[ReviewRead]) -> ReviewReport:
    """What the reviews did and the plan the patient is on now."""
    state = _reload(session, state, reviews[-1:])
    triage = state.plan.triage
    return ReviewReport(
        patient_id=state.patient_id,
        reviews=reviews,
        plan_version=state.version.version,
        level=triage.level,
        headline=triage.headline,
        action=triage.action,
    )

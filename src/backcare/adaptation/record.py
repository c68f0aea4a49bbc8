"""Keep what a review changed: the updated intake, a new plan version, and its alerts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from backcare.adaptation.schemas import ChangeRead, ReviewKind, ReviewRead, RuleFired
from backcare.adaptation.state import CareState
from backcare.assessments import service as assessments
from backcare.assessments.schemas import REASON_MAX, PlanVersionCreate
from backcare.domain.adapt import Change, Review
from backcare.domain.adapt.replan import WEEK_DAYS, with_explanation
from backcare.domain.adapt.rules import WARNING
from backcare.domain.intake import Intake
from backcare.domain.plan.builder import SAFETY_ONLY
from backcare.domain.plan_model import Plan
from backcare.knowledge.loader import Knowledge
from backcare.tracking.schemas import AlertCreate, AlertRead
from backcare.tracking.service import raise_alert
from backcare.tracking.vocabulary import AlertKind

AUTHORS: dict[ReviewKind, str] = {
    "weekly": "weekly-review",
    "checkin": "checkin-review",
    "flare_end": "flare-end",
}


@dataclass(frozen=True, slots=True)
class Context:
    """What is reviewed, which review, the day it looks at, and the stored rows' time stamp."""

    state: CareState
    kind: ReviewKind
    day: dt.date
    knowledge: Knowledge
    at: dt.datetime | None = None
    """None stamps the rows now; the demo passes the simulated day."""


def store_review(session: Session, ctx: Context, review: Review) -> ReviewRead:
    """Store the review's outcome and say what was stored."""
    assessment_id = _store_intake(session, ctx, review.updated_intake)
    version = None
    if review.new_plan is not None:
        basis = assessment_id or ctx.state.assessment_id
        version = _store_plan(session, ctx, review, review.new_plan, basis)
    return ReviewRead(
        kind=ctx.kind,
        day=ctx.day,
        rules_fired=[RuleFired(id=rule, reason=reason) for rule, reason in review.rules_fired],
        changes=[_change(change) for change in review.changes],
        explanation=review.explanation,
        plan_version=version,
        assessment_id=assessment_id,
        alerts=_store_alerts(session, ctx, review),
        flare_until=review.flare_until,
        figures=None if review.figures is None else dict(review.figures),
    )


def _change(change: Change) -> ChangeRead:
    return ChangeRead(
        item_id=change.item_id,
        action=change.action,
        replacement_id=change.replacement_id,
        reason=change.reason,
    )


def _store_intake(session: Session, ctx: Context, updated: Intake | None) -> int | None:
    """A new assessment when warning answers changed the intake; None when nothing is new."""
    state = ctx.state
    if updated is None or _same_answers(updated, state.intake):
        return None
    aged = aged_intake(updated, assessed_on=state.assessed_on, day=ctx.day)
    stored = assessments.record_assessment(
        session, patient_id=state.patient_id, intake=aged, knowledge=ctx.knowledge, at=ctx.at
    )
    return stored.id


def _same_answers(updated: Intake, intake: Intake) -> bool:
    # A later review sees the same warning answers again; they are news only once.
    return updated.model_copy(update={"duration_weeks": intake.duration_weeks}) == intake


def aged_intake(intake: Intake, *, assessed_on: dt.date, day: dt.date) -> Intake:
    """The intake as of ``day``: the episode is older by the weeks since it was assessed."""
    # Without this a new assessment would restart the episode's clock at its old duration.
    if day <= assessed_on:
        return intake
    weeks = intake.duration_weeks + (day - assessed_on).days / WEEK_DAYS
    return intake.model_copy(update={"duration_weeks": round(weeks, 2)})


def _store_plan(
    session: Session, ctx: Context, review: Review, plan: Plan, assessment_id: int
) -> int:
    flare_until, resumes = _flare_state(session, ctx, review, plan, assessment_id)
    data = PlanVersionCreate(
        plan=plan,
        created_by=AUTHORS[ctx.kind],
        reason=_reason(review.explanation),
        assessment_id=assessment_id,
        reviewed_on=ctx.day,
        flare_until=flare_until,
        resumes_version=resumes,
    )
    stored = assessments.add_plan_version(
        session, patient_id=ctx.state.patient_id, data=data, at=ctx.at
    )
    return stored.version


def _reason(explanation: str) -> str:
    """The explanation as the version's reason, cut to fit (the plan keeps every line)."""
    if len(explanation) <= REASON_MAX:
        return explanation
    return explanation[: REASON_MAX - 1] + "…"


def _flare_state(
    session: Session, ctx: Context, review: Review, plan: Plan, assessment_id: int
) -> tuple[dt.date | None, int | None]:
    """The relief plan's end and the version it returns to; carried while a flare lasts."""
    current = ctx.state.version
    if review.resume_plan is not None:
        resumes = _resume_version(session, ctx, review, review.resume_plan, assessment_id)
        return review.flare_until, resumes
    # A safety plan never goes back to exercises when a flare ends: only a doctor and a new
    # assessment lift it (AR-007).
    if ctx.kind == "flare_end" or plan.triage.level in SAFETY_ONLY:
        return None, None
    return current.flare_until, current.resumes_version


def _resume_version(
    session: Session, ctx: Context, review: Review, resume: Plan, assessment_id: int
) -> int:
    """The version the relief plan goes back to: the current one, unless a warning changed it."""
    if resume == ctx.state.plan:
        return ctx.state.version.version
    # A warning answer at the same check-in changed the plan first (a doctor's check added, an
    # unsafe item swapped); that plan is what comes back after the flare, so it is kept too.
    lines = [reason for rule, reason in review.rules_fired if rule == WARNING.id]
    data = PlanVersionCreate(
        plan=with_explanation(resume, lines, ctx.day),
        created_by=AUTHORS[ctx.kind],
        reason=_reason("\n".join(lines)),
        assessment_id=assessment_id,
        reviewed_on=ctx.day,
    )
    stored = assessments.add_plan_version(
        session, patient_id=ctx.state.patient_id, data=data, at=ctx.at
    )
    return stored.version


def _store_alerts(session: Session, ctx: Context, review: Review) -> list[AlertRead]:
    return [
        raise_alert(
            session,
            patient_id=ctx.state.patient_id,
            data=AlertCreate(kind=AlertKind(draft.kind), detail=draft.detail),
            at=ctx.at,
        )
        for draft in review.alerts
    ]

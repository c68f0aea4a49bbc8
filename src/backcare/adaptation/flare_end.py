"""The end of a flare-up: when the relief plan's days are over, the usual plan comes back.

A relief plan version stores its last day. A later flare-up check-in moves that day on
(``checkin_review`` says so without a new plan), and versions are never rewritten, so the end
is worked out from both: the stored day, and three days after the latest flare-up check-in.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy.orm import Session

from backcare.adaptation.clinician_edits import keeping_edits
from backcare.adaptation.record import Context, store_review
from backcare.adaptation.schemas import ReviewRead
from backcare.adaptation.state import CareState, load_state
from backcare.assessments import service as assessments
from backcare.domain.adapt import Review, checkin_review, resume_after_flare
from backcare.domain.tracking import CheckInRecord
from backcare.tracking import repository as tracking


def flare_end(session: Session, state: CareState, length: dt.timedelta) -> dt.date | None:
    """The relief plan's last day, or None when the current plan is not a relief plan."""
    until = state.version.flare_until
    if until is None:
        return None
    last_flare = tracking.last_flare_day(session, state.patient_id)
    if last_flare is not None:
        until = max(until, last_flare + length)
    return until


def end_flare_if_over(session: Session, ctx: Context) -> list[ReviewRead]:
    """Back to the plan from before the flare once its last day has passed; else nothing."""
    state = ctx.state
    stored, resumes = state.version.flare_until, state.version.resumes_version
    length = dt.timedelta(days=ctx.knowledge.thresholds.flare_days.value)
    until = flare_end(session, state, length)
    if stored is None or resumes is None or until is None or ctx.day <= until:
        return []
    before = assessments.get_plan_version(session, patient_id=state.patient_id, version=resumes)
    review = resume_after_flare(flare_plan=state.plan, resume_plan=before.as_plan(), today=ctx.day)
    ended = store_review(session, dataclasses.replace(ctx, kind="flare_end"), review)
    # The stored end, not the moved one: the flare began ``length`` days before it.
    replayed = _replay_warnings(session, ctx, stored - length)
    return [ended] if replayed is None else [ended, replayed]


def _replay_warnings(session: Session, ctx: Context, began: dt.date) -> ReviewRead | None:
    """Warning answers given during the flare, applied again to the plan that came back."""
    # The plan from before the flare never saw them: without this a 'see a doctor soon' added
    # during the flare would vanish when the flare ends.
    rows = tracking.warnings_between(session, ctx.state.patient_id, began, ctx.day)
    codes = frozenset(code for warnings in rows for code in warnings)
    state = load_state(session, patient_id=ctx.state.patient_id)
    if not codes or state is None:
        return None
    # Pain plays no part in re-triage; the alerts were raised when the answers were given.
    checkin = CheckInRecord(ctx.day, 0, warnings=codes)
    review = keeping_edits(
        session,
        patient_id=state.patient_id,
        plan=state.plan,
        run=lambda plan: checkin_review(
            intake=state.intake,
            plan=plan,
            checkin=checkin,
            knowledge=ctx.knowledge,
            today=ctx.day,
            assessed_on=state.assessed_on,
        ),
    )
    if review.new_plan is None:
        return None
    replay = dataclasses.replace(ctx, state=state, kind="checkin")
    return store_review(session, replay, _quiet(review))


def _quiet(review: Review) -> Review:
    return dataclasses.replace(review, alerts=(), updated_intake=None)

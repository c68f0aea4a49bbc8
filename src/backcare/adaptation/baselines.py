"""Where the course is measured from: the episode's first pain score and the current plan's.

The plan's baseline is the pain of the week the weekly review judged when it made the plan
version in force (versions made after a check-in or at a flare's end change no exercise
level, so they are looked through); a plan still as the assessment made it starts from the
assessment's pain, like the episode.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from backcare.adaptation.record import AUTHORS
from backcare.adaptation.state import CareState
from backcare.assessments import repository as plans
from backcare.domain.adapt.course import Baseline, Baselines
from backcare.domain.progress import WINDOW_DAYS
from backcare.knowledge.thresholds import Thresholds
from backcare.tracking import repository as tracking

LOOKED_THROUGH = (AUTHORS["checkin"], AUTHORS["flare_end"])


def lookback(t: Thresholds) -> dt.timedelta:
    """How far back the weekly rules read daily records.

    Six weeks of adherence for AR-006; the trend window and the week before it for AR-009;
    the flare-up window and the gap that separates two flare-ups for AR-010. Reading no more
    keeps a review of years of history as fast as one of weeks.
    """
    days = max(
        t.refer_after_weeks.value * WINDOW_DAYS,
        t.trend_days.value + WINDOW_DAYS,
        t.recurrent_flare_days.value + t.flare_days.value + 1,
    )
    return dt.timedelta(days=days)


def baselines_for(session: Session, state: CareState, t: Thresholds) -> Baselines:
    """The episode's and the current plan version's starting points."""
    episode = Baseline(float(state.intake.pain_now), None)
    version = plans.latest_not_by(session, state.patient_id, LOOKED_THROUGH)
    if version is None or version.created_by != AUTHORS["weekly"] or version.reviewed_on is None:
        return Baselines(episode, episode)
    judged = version.reviewed_on
    first = judged - dt.timedelta(days=WINDOW_DAYS - 1)
    pain, readings = tracking.mean_pain_between(session, state.patient_id, first, judged)
    if pain is None or readings < t.min_readings.value:
        return Baselines(episode, episode)
    return Baselines(episode, Baseline(pain, judged))

"""The reviews: after each check-in (warnings, flare-ups, severe pain) and once a week.

Precedence: safety (a new warning sign) first; then flare-ups that keep coming back, a
flare-up, too few check-ins; then worsening (against the start of the episode, of the plan and
last week; and worse at two reviews in a row), then progress or simplifying, then the
no-improvement referral. Each review reports every rule that fired and explains, in plain
words, what it compared, what changed and why. The numbers come from the knowledge.
"""

from __future__ import annotations

from datetime import date

from backcare.domain.adapt import actions, escalate
from backcare.domain.adapt import rules as r
from backcare.domain.adapt.course import Baselines, severe_pain_reached
from backcare.domain.adapt.figures import course_figures, course_words
from backcare.domain.adapt.flare import end_flare, start_flare
from backcare.domain.adapt.outcome import Notes, Review
from backcare.domain.adapt.replan import person_for
from backcare.domain.adapt.signals import Signals, adherent_weeks, changed_since_start, read_signals
from backcare.domain.adapt.simplify import simplify
from backcare.domain.adherence import schedule_of
from backcare.domain.intake import Intake
from backcare.domain.knowledge.model import Knowledge
from backcare.domain.plan.builder import SAFETY_ONLY
from backcare.domain.plan.eligibility import Person
from backcare.domain.plan_model import Plan
from backcare.domain.tracking import CheckInRecord, History


def checkin_review(
    *,
    intake: Intake,
    plan: Plan,
    checkin: CheckInRecord,
    knowledge: Knowledge,
    today: date,
    assessed_on: date | None = None,
    recent: History | None = None,
) -> Review:
    """Right after a check-in: re-triage on a new warning sign, relief plan on a flare-up, a
    call to a clinician when severe pain has lasted (``recent``: the days before, if known)."""
    t = knowledge.thresholds
    notes = Notes(plan, t.values())
    updated = None
    if checkin.warnings:
        updated, safety = actions.warning(
            notes, intake, checkin.warnings, knowledge, day=checkin.day, alert_always=True
        )
        if safety:
            return notes.finish(plan, today, updated_intake=updated)
    severe = severe_pain_reached(recent or History(checkins=(checkin,)), checkin, t)
    # On a safety plan the person is already told to see a doctor now or today; a call within
    # a day or two would only blur that.
    if severe is not None and plan.triage.level not in SAFETY_ONLY:
        escalate.severe_pain(notes, severe, t)
    if not checkin.flare_up:
        return notes.finish(plan, today, updated_intake=updated)
    if _on_hold(notes):
        return notes.finish(plan, today, updated_intake=updated)
    person = person_for(updated or intake, assessed_on=assessed_on, today=today)
    until, resume = start_flare(notes, person, knowledge.catalog, today, t.flare_days.value)
    return notes.finish(plan, today, updated_intake=updated, flare_until=until, resume_plan=resume)


def resume_after_flare(*, flare_plan: Plan, resume_plan: Plan, today: date) -> Review:
    """When the flare-up's end date has passed: back to the plan from before the flare."""
    notes = Notes(flare_plan)
    end_flare(notes, resume_plan)
    return notes.finish(flare_plan, today)


def weekly_review(
    *,
    intake: Intake,
    plan: Plan,
    history: History,
    knowledge: Knowledge,
    today: date,
    assessed_on: date | None = None,
    baselines: Baselines | None = None,
) -> Review:
    """The weekly review of the 7 days ending today.

    ``baselines`` are the pain where the episode and the current plan version started (by
    default the intake's pain for both); ``assessed_on`` lets the episode age.
    """
    # Without assessed_on the phase stays as assessed, so an acute plan never reaches
    # exercises meant for later phases however long it runs.
    t = knowledge.thresholds
    notes = Notes(plan, t.values())
    signals = read_signals(
        schedule_of(plan, knowledge.catalog),
        history,
        today,
        baselines=baselines or Baselines.at_start(intake.pain_now),
        thresholds=t,
    )
    updated = None
    if signals.warnings:
        last_day = max(c.day for c in history.checkins if c.warnings and c.day <= today)
        updated, safety = actions.warning(
            notes, intake, signals.warnings, knowledge, day=last_day, alert_always=False
        )
        if safety:
            return notes.finish(plan, today, updated_intake=updated)
    if not _on_hold(notes):
        person = person_for(updated or intake, assessed_on=assessed_on, today=today)
        _weekly_rules(notes, history, signals, person, knowledge, today)
    return notes.finish(plan, today, updated_intake=updated)


def _weekly_rules(
    notes: Notes,
    history: History,
    signals: Signals,
    person: Person,
    knowledge: Knowledge,
    today: date,
) -> None:
    """AR-010, AR-002, AR-008, then the pain and adherence rules and AR-006."""
    escalate.recurrent_flares(notes, history, today, knowledge.thresholds)
    if signals.flare:
        notes.fire(r.FLARE, _FLARE_HOLD)
        return
    if not signals.enough or signals.pain is None:
        notes.fire(r.TOO_FEW_READINGS)
        return
    original = notes.plan
    _pain_and_adherence(notes, signals, person, knowledge)
    t = knowledge.thresholds
    schedule = schedule_of(original, knowledge.catalog)
    if adherent_weeks(schedule, history, today, t) and not changed_since_start(signals, history):
        episode = signals.baselines.episode.pain
        actions.refer(notes, person, knowledge.catalog, signals.pain, episode)
    # The decision first, then what it rests on: the figures, the rule and its source.
    notes.figures = course_figures(signals)
    notes.say(*course_words(signals))


def _pain_and_adherence(
    notes: Notes, signals: Signals, person: Person, knowledge: Knowledge
) -> None:
    """AR-003 and AR-009 first; otherwise AR-004 or AR-005, or a word that all is steady."""
    catalog, t = knowledge.catalog, knowledge.thresholds
    rate = signals.adherence.rate
    if signals.worsened:
        actions.worsening(notes, signals, person, catalog)
    if signals.worse_twice:
        escalate.worse_twice(notes, signals, person, catalog, stepped=signals.worsened)
    if signals.worse:
        if not signals.worsened and not signals.worse_twice:
            notes.say(_CREEPING)
        return
    if rate is None:
        return
    if signals.improved and rate >= t.progress_adherence.value:
        actions.progress(notes, signals, person, catalog)
    elif signals.improved or signals.better_than():
        # Importantly better but not stepped up (few sessions, or several days of severe pain):
        # the plan is never shortened while pain is importantly better than where it started.
        notes.say(_BETTER_WITH_LESS if rate < t.simplify_adherence.value else _BETTER_KEEP_GOING)
    elif rate < t.simplify_adherence.value:
        simplify(notes, signals, person, catalog)
    else:
        notes.say(_STEADY)


def _on_hold(notes: Notes) -> bool:
    """AR-007: a safety plan waits for a doctor and a new assessment, whatever else happens."""
    if notes.plan.triage.level not in SAFETY_ONLY:
        return False
    notes.fire(r.ON_HOLD)
    return True


_STEADY = (
    "No important change against where you started or last week, so the exercises stay as "
    "they are for another week."
)
_CREEPING = (
    "Your pain has been creeping up. The exercises stay as they are this week; if it is still "
    "rising at the next review, they will step back and your clinician will be asked to look."
)
_BETTER_KEEP_GOING = (
    "Your pain is better. Keep going with the plan as it is; once you manage most of the "
    "sessions, it will move up a step."
)
_BETTER_WITH_LESS = (
    "Your pain is better, even though you managed fewer than half the sessions. The plan stays "
    "as it is: do the sessions you can."
)
_FLARE_HOLD = (
    "You had a flare-up this week, so the exercises are not stepped up or down: pain during a "
    "flare says little about how the plan is working. They will be looked at again next week."
)

"""The reviews: after each check-in (warnings, flare-ups) and once a week (everything else).

Precedence: safety (a new warning sign) first, then a flare-up, then worsening pain, then
progress or simplifying, then the no-improvement referral. Each review reports every rule that
fired and explains, in plain words, what changed and why.
"""

from __future__ import annotations

from datetime import date

from backcare.domain.adapt import actions
from backcare.domain.adapt import rules as r
from backcare.domain.adapt.flare import end_flare, start_flare
from backcare.domain.adapt.outcome import Notes, Review
from backcare.domain.adapt.replan import person_for
from backcare.domain.adapt.signals import Signals, adherent_weeks, changed_since_start, read_signals
from backcare.domain.adapt.simplify import simplify
from backcare.domain.intake import Intake
from backcare.domain.plan.builder import SAFETY_ONLY
from backcare.domain.plan.eligibility import Person
from backcare.domain.plan_model import Plan
from backcare.domain.tracking import CheckInRecord, History
from backcare.knowledge.loader import Knowledge


def checkin_review(
    *,
    intake: Intake,
    plan: Plan,
    checkin: CheckInRecord,
    knowledge: Knowledge,
    today: date,
    assessed_on: date | None = None,
) -> Review:
    """Right after a check-in: re-triage on a new warning sign, relief plan on a flare-up."""
    notes = Notes(plan)
    updated = None
    if checkin.warnings:
        updated, safety = actions.warning(
            notes, intake, checkin.warnings, knowledge, day=checkin.day, alert_always=True
        )
        if safety:
            return notes.finish(plan, today, updated_intake=updated)
    if not checkin.flare_up:
        return notes.finish(plan, today, updated_intake=updated)
    if _on_hold(notes):
        return notes.finish(plan, today, updated_intake=updated)
    person = person_for(updated or intake, assessed_on=assessed_on, today=today)
    until, resume = start_flare(notes, person, knowledge.catalog, today)
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
) -> Review:
    """The weekly review of the 7 days ending today (``assessed_on`` lets the episode age)."""
    # Without assessed_on the phase stays as assessed, so an acute plan never reaches
    # exercises meant for later phases however long it runs.
    notes = Notes(plan)
    signals = read_signals(intake, plan, history, today)
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
        _weekly_rules(notes, intake, history, signals, person, knowledge, today)
    return notes.finish(plan, today, updated_intake=updated)


def _weekly_rules(
    notes: Notes,
    intake: Intake,
    history: History,
    signals: Signals,
    person: Person,
    knowledge: Knowledge,
    today: date,
) -> None:
    """AR-002 to AR-008 in order of precedence."""
    if signals.flare:
        notes.fire(r.FLARE, _FLARE_HOLD)
        return
    pain = signals.pain
    if pain is None or not signals.enough:
        notes.fire(r.TOO_FEW_READINGS)
        return
    original = notes.plan
    _pain_and_adherence(notes, signals, person, knowledge)
    if adherent_weeks(original, history, today) and not changed_since_start(intake, history, pain):
        actions.refer(notes, intake, person, knowledge.catalog, pain)


def _pain_and_adherence(
    notes: Notes, signals: Signals, person: Person, knowledge: Knowledge
) -> None:
    """AR-003 first; otherwise AR-004 or AR-005, or a word that all is steady."""
    catalog = knowledge.catalog
    if signals.worsened:
        actions.worsening(notes, signals, person, catalog)
    elif signals.adherence is None:
        return
    elif signals.improved and signals.adherence >= r.PROGRESS_ADHERENCE:
        actions.progress(notes, signals, person, catalog)
    elif signals.adherence < r.SIMPLIFY_ADHERENCE:
        simplify(notes, signals, person, catalog)
    else:
        notes.say(_steady(signals))


def _on_hold(notes: Notes) -> bool:
    """AR-007: a safety plan waits for a doctor and a new assessment, whatever else happens."""
    if notes.plan.triage.level not in SAFETY_ONLY:
        return False
    notes.fire(r.ON_HOLD)
    return True


def _steady(signals: Signals) -> str:
    share = round((signals.adherence or 0.0) * 100)
    return (
        f"Your pain is about where it was and you did about {share}% of the planned sessions, "
        "so the exercises stay as they are for another week."
    )


_FLARE_HOLD = (
    "You had a flare-up this week, so the exercises are not stepped up or down: pain during a "
    "flare says little about how the plan is working. They will be looked at again next week."
)

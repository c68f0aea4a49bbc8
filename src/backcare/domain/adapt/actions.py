"""What each adaptation rule does to the plan, written into the review's notes."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from backcare.domain.adapt import chains
from backcare.domain.adapt import rules as r
from backcare.domain.adapt.chains import Direction, step
from backcare.domain.adapt.outcome import Action, AlertDraft, Change, Notes
from backcare.domain.adapt.replan import Fit, add_referral, draft_of, person_for, refit
from backcare.domain.adapt.signals import Signals
from backcare.domain.adapt.warnings import apply_warnings
from backcare.domain.intake import Intake
from backcare.domain.knowledge.catalog import Catalog
from backcare.domain.knowledge.model import Knowledge
from backcare.domain.knowledge.schema import CatalogEntry
from backcare.domain.plan.builder import SAFETY_ONLY, build_plan
from backcare.domain.plan.eligibility import Person, blocked_by, excluded_for_safety
from backcare.domain.plan_model import TriageResult
from backcare.domain.triage import triage
from backcare.domain.vocabulary import Kind, Level

SEE_A_CLINICIAN = "referral-gp"
# AR-006 refers on to physiotherapy, or to the combined programme when physiotherapy is there.
REFER_ON = "referral-physiotherapy"
REFER_ON_AFTER_PHYSIOTHERAPY = "referral-combined-programme"
CANNOT_STAND = frozenset({"unable_to_walk_or_bear_weight"})
"""Check-in answers after which the plan is never said to stay as it is."""


def warning(
    notes: Notes,
    intake: Intake,
    codes: frozenset[str],
    knowledge: Knowledge,
    *,
    day: date,
    alert_always: bool,
) -> tuple[Intake, bool]:
    """AR-001: re-triage with the new answers; True when the plan is now the safety plan."""
    updated = apply_warnings(intake, codes)
    result = triage(updated, knowledge)
    detail = _flag_detail(result, codes, day)
    if result.level in SAFETY_ONLY:
        notes.fire(r.WARNING, f"{notes.words(r.WARNING)} {result.action}")
        escalates = result.level.rank > notes.plan.triage.level.rank
        if escalates:
            _to_safety_plan(notes, updated, knowledge, result)
        if escalates or alert_always:
            notes.alerts.append(AlertDraft("red_flag", detail))
        return updated, True
    notes.fire(r.WARNING, f"{notes.words(r.WARNING)} {_not_urgent(result, codes)}")
    if result.level.rank > notes.plan.triage.level.rank:
        _see_doctor_soon(notes, result, knowledge.catalog)
    unblock(notes, person_for(updated, assessed_on=None, today=day), knowledge.catalog)
    if alert_always:
        notes.alerts.append(AlertDraft("red_flag", detail | {"summary": "warning answer reviewed"}))
    return updated, False


def _not_urgent(result: TriageResult, codes: frozenset[str]) -> str:
    if CANNOT_STAND & codes:
        # Whatever the level, nobody who cannot stand or walk is told to carry on exercising.
        return _CANNOT_STAND
    if result.level == Level.soon:
        return (
            "It does not need urgent care, but a doctor should see you in the next one to two "
            "weeks. Your exercises stay as they are; if another warning sign appears, do not "
            "wait for the appointment."
        )
    return (
        "On its own it does not need a doctor quickly, so your plan stays. Get help at once if it "
        "gets worse or another warning sign appears."
    )


def _flag_detail(result: TriageResult, codes: frozenset[str], day: date) -> dict[str, object]:
    return {
        "summary": "new warning sign at a check-in",
        "day": day.isoformat(),
        "warnings": sorted(codes),
        "level": result.level.value,
        "red_flags": [flag.id for flag in result.red_flags if flag.escalates],
    }


def _to_safety_plan(
    notes: Notes, intake: Intake, knowledge: Knowledge, result: TriageResult
) -> None:
    notes.plan = build_plan(intake, knowledge)
    for item in notes.plan.items:
        if item.kind == Kind.referral:
            notes.changes.append(Change(item.id, "safety", None, result.action))
    notes.say("Exercises are on hold until a doctor has seen you.")


def _see_doctor_soon(
    notes: Notes, result: TriageResult, catalog: Mapping[str, CatalogEntry]
) -> None:
    """The answer now needs a doctor within a week or two: say so in the plan itself."""
    old = notes.plan
    # The plan's first explanation line is the old triage action; it must not say "no warning
    # signs" any more.
    lines = [result.action if line == old.triage.action else line for line in old.explanation]
    plan = old.model_copy(update={"triage": result, "explanation": lines})
    if all(item.id != SEE_A_CLINICIAN for item in plan.items):
        plan = add_referral(plan, catalog[SEE_A_CLINICIAN], _SOON_WHY, catalog)
        notes.changes.append(Change(SEE_A_CLINICIAN, "refer", None, _SOON_WHY))
    notes.plan = plan


def unblock(notes: Notes, person: Person, catalog: Catalog) -> None:
    """AR-001, after re-triage: nothing the new answers make unsafe stays in the plan."""
    draft, swapped = chains.unblock(draft_of(notes.plan, catalog), person, catalog)
    if not swapped:
        return
    for old, new in swapped:
        notes.changes.append(Change(old.id, "safety", new.id if new else None, _unsafe(old, new)))
    plan, _ = refit(notes.plan, draft, Fit.keeping(notes.plan, person), catalog)
    notes.plan = plan.model_copy(update={"excluded": excluded_for_safety(catalog, person)})


def _unsafe(old: CatalogEntry, new: CatalogEntry | None) -> str:
    if new is None:
        return f"{old.title} is no longer safe for you with your new answer, so it is left out."
    return f"{old.title} is no longer safe for you with your new answer; {new.title} replaces it."


def move(
    notes: Notes,
    person: Person,
    catalog: Mapping[str, CatalogEntry],
    how: Fit,
    direction: Direction,
) -> int:
    """AR-003 and AR-004: step timed items along their chains; returns how many moved."""
    action: Action = "progress" if direction == "progression" else "regress"
    draft, moved = step(draft_of(notes.plan, catalog), person, catalog, how, direction)
    for old, new in moved:
        notes.changes.append(Change(old.id, action, new.id, _step_reason(old, new, action)))
    if moved:
        plan, _ = refit(notes.plan, draft, how, catalog)
        notes.plan = plan.model_copy(update={"minutes_per_day_budget": int(how.budget)})
    return len(moved)


def _step_reason(old: CatalogEntry, new: CatalogEntry, action: Action) -> str:
    if action == "progress":
        return f"{old.title} moves up to {new.title}: you are ready for a little more."
    return f"{old.title} steps back to {new.title}, an easier version, while your back settles."


def worsening(
    notes: Notes, signals: Signals, person: Person, catalog: Mapping[str, CatalogEntry]
) -> None:
    """AR-003: easier versions, a suggestion to be seen, and an alert for the clinician."""
    notes.fire(
        r.WORSENING, f"{notes.words(r.WORSENING)} {_compared(signals, signals.worse_than())}"
    )
    step_down(notes, person, catalog)
    see_clinician(notes, catalog, _REVIEW_WHY)
    notes.say("If the pain keeps rising, or any warning sign appears, do not wait: get help.")
    notes.alerts.append(AlertDraft("pain_worsening", pain_detail(signals, _WORSE_SUMMARY)))


def step_down(notes: Notes, person: Person, catalog: Mapping[str, CatalogEntry]) -> None:
    """Each timed item one step easier, or a word that they are already the easiest."""
    if not move(notes, person, catalog, Fit.keeping(notes.plan, person), "regression"):
        notes.say("Your exercises are already the easiest versions, so they stay as they are.")


def see_clinician(notes: Notes, catalog: Mapping[str, CatalogEntry], why: str) -> None:
    """A GP review in the plan, unless one is there already."""
    if all(item.id != SEE_A_CLINICIAN for item in notes.plan.items):
        notes.plan = add_referral(notes.plan, catalog[SEE_A_CLINICIAN], why, catalog)
        notes.changes.append(Change(SEE_A_CLINICIAN, "refer", None, why))


def progress(
    notes: Notes, signals: Signals, person: Person, catalog: Mapping[str, CatalogEntry]
) -> None:
    """AR-004: one step up, with the person's full daily time again."""
    better = signals.better_than()
    said = _compared(signals, better) if better else _SETTLED
    notes.fire(r.PROGRESS, f"{notes.words(r.PROGRESS)} {said}")
    if not move(notes, person, catalog, Fit.usual(person), "progression"):
        notes.say(
            "Your exercises are already at the hardest level that is safe for you, so they stay "
            "the same. Keep going."
        )


def _compared(signals: Signals, references: list[tuple[str, float]]) -> str:
    """'Your average pain this week was 3.0 out of 10, against 6.0 when you started.'"""
    against = " and ".join(f"{value:.1f} {name}" for name, value in references)
    return (
        f"Your average pain this week was {signals.pain or 0.0:.1f} out of 10, against {against}."
    )


def pain_detail(signals: Signals, summary: str) -> dict[str, object]:
    """What an alert about pain tells the clinician."""
    return {
        "summary": summary,
        "pain_this_week": round(signals.pain or 0.0, 2),
        "baseline_episode": signals.baselines.episode.pain,
        "baseline_plan": round(signals.baselines.plan.pain, 2),
        "pain_last_week": None if signals.last_week is None else round(signals.last_week, 2),
        "worse_than": [name for name, _ in signals.worse_than()],
        "trend_per_week": None if signals.trend is None else round(signals.trend.per_week, 2),
    }


def refer(
    notes: Notes,
    person: Person,
    catalog: Mapping[str, CatalogEntry],
    pain: float,
    baseline: float,
) -> None:
    """AR-006: physiotherapy, or a combined programme when physiotherapy is already there."""
    present = {item.id for item in notes.plan.items}
    target_id = REFER_ON
    if target_id in present:
        target_id = REFER_ON_AFTER_PHYSIOTHERAPY
    entry = catalog.get(target_id)
    if target_id in present or entry is None or blocked_by(entry, person):
        notes.fire(r.NO_IMPROVEMENT, f"{notes.words(r.NO_IMPROVEMENT)} {_ALREADY}")
        return
    notes.fire(r.NO_IMPROVEMENT)
    why = f"{_NEXT_STEP} {entry.summary}"
    notes.plan = add_referral(notes.plan, entry, why, catalog)
    notes.changes.append(Change(target_id, "refer", None, why))
    detail = {"baseline": baseline, "pain_this_week": round(pain, 2), "referral": target_id}
    notes.alerts.append(
        AlertDraft(
            "no_improvement",
            {"summary": "no important change after six weeks of good adherence", **detail},
        )
    )


_REVIEW_WHY = "Your pain has got worse. Ask your GP or physiotherapist to review it."
_WORSE_SUMMARY = "pain importantly worse than a baseline or last week; review suggested"
_SETTLED = "Your pain has settled at a low level."
_CANNOT_STAND = (
    "Stop the exercises while you cannot stand or walk, and contact a doctor today. If it came "
    "on suddenly or after a fall, or a leg is weak or numb, get emergency help."
)
_ALREADY = "The referrals already in your plan are the next step: please arrange them."
_SOON_WHY = (
    "A new answer at your check-in is worth a doctor's check in the next one to two weeks. You "
    "can keep going with the plan meanwhile."
)
_NEXT_STEP = "After six weeks of steady work without much change, this is the next step."

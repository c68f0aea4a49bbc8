"""AR-004: pain down by 2 points or 30% with adherence of 70% or more moves exercises up."""

from __future__ import annotations

from datetime import timedelta

from backcare.domain.adapt import Change, Review, weekly_review
from backcare.domain.intake import Intake
from backcare.domain.tracking import History
from backcare.domain.vocabulary import Phase
from backcare.knowledge.loader import Knowledge
from backcare.knowledge.schema import CatalogEntry
from tests.domain.adapt.support import TODAY, days, history, intake, plan_for, timed, weeks


def _review(person: Intake, week: History, knowledge: Knowledge, **extra: object) -> Review:
    return weekly_review(
        intake=person,
        plan=plan_for(person, knowledge),
        history=week,
        knowledge=knowledge,
        today=TODAY,
        **extra,  # type: ignore[arg-type]
    )


def test_pain_down_two_points_with_good_adherence_progresses_along_chains(
    knowledge: Knowledge,
) -> None:
    review = _review(intake(pain_now=6), weeks(6, 4), knowledge)
    assert [rule for rule, _ in review.rules_fired] == ["AR-004"]
    moved = [c for c in review.changes if c.action == "progress"]
    assert moved
    for change in moved:
        assert change.replacement_id in knowledge.catalog[change.item_id].progression
    assert review.new_plan is not None
    assert {c.replacement_id for c in moved} <= set(timed(review.new_plan))
    assert not {c.item_id for c in moved} & set(timed(review.new_plan))


def test_a_thirty_percent_fall_counts_even_under_two_points(knowledge: Knowledge) -> None:
    week = history(days([5] * 7, end=TODAY - timedelta(days=7)), days([3, 3, 4, 3, 4, 3, 4]))
    review = _review(intake(pain_now=5), week, knowledge)
    assert [rule for rule, _ in review.rules_fired] == ["AR-004"]


def test_less_pain_without_keeping_up_does_not_progress(knowledge: Knowledge) -> None:
    pains = [6] * 7 + [3] * 7
    sessions = [1] * 7 + [1, 1, 1, 1, 0, 0, 0]
    checkins = [
        c.__class__(c.day, c.pain_now, done) for c, done in zip(days(pains), sessions, strict=True)
    ]
    review = _review(intake(pain_now=6), history(checkins), knowledge)
    assert review.rules_fired == ()
    assert review.new_plan is None


def test_progress_never_moves_into_a_contraindicated_item(knowledge: Knowledge) -> None:
    person = intake(conditions=["high_blood_pressure"])
    assert "strengthen-side-plank-knees" in timed(plan_for(person, knowledge))
    review = _review(person, weeks(6, 3), knowledge)
    assert review.new_plan is not None
    assert "strengthen-side-plank-full" not in timed(review.new_plan)
    assert "strengthen-side-plank-knees" in timed(review.new_plan)


def test_low_steady_pain_counts_as_ready_to_progress(knowledge: Knowledge) -> None:
    review = _review(intake(pain_now=1), weeks(1, 1), knowledge)
    assert [rule for rule, _ in review.rules_fired] == ["AR-004"]
    assert review.new_plan is not None


def test_acute_plan_reaches_later_phase_exercises_once_the_episode_has_aged(
    knowledge: Knowledge,
) -> None:
    person = intake(duration_weeks=2)
    young = _review(person, weeks(6, 3), knowledge)
    aged = _review(person, weeks(6, 3), knowledge, assessed_on=TODAY - timedelta(weeks=8))

    def acute_only(review: Review) -> list[bool]:
        return [Phase.acute in _target(knowledge, c).phases for c in review.changes]

    assert all(acute_only(young))
    assert not all(acute_only(aged))


def _target(knowledge: Knowledge, change: Change) -> CatalogEntry:
    assert change.replacement_id is not None
    return knowledge.catalog[change.replacement_id]


def test_progress_keeps_every_item_in_the_week(knowledge: Knowledge) -> None:
    person = intake(preferences={"equipment": ["towel"], "minutes_per_day": 12})
    plan = plan_for(person, knowledge)
    review = _review(person, weeks(6, 3), knowledge)
    if review.new_plan is not None:
        assert len(timed(review.new_plan)) == len(timed(plan))

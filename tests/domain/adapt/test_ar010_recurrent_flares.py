"""AR-010: three or more flare-ups within four weeks ask a clinician to review the whole plan."""

from __future__ import annotations

from datetime import timedelta

from backcare.domain.adapt import checkin_review
from backcare.domain.adapt.course import flare_starts, recent_flares
from backcare.knowledge.loader import Knowledge
from tests.domain.adapt.support import (
    TODAY,
    course,
    person_and_plan,
    reviews_week_by_week,
    rules_of,
)


def test_the_issues_four_flares_in_four_weeks_reach_a_clinician(knowledge: Knowledge) -> None:
    person, plan = person_and_plan(knowledge, pain_now=5)
    week = course(plan, knowledge, [5, 5, 5, 5], flare_days=[2, 9, 16, 23])
    reviews = reviews_week_by_week(person, plan, week, knowledge, 4)
    assert [rules_of(review) for review in reviews] == [
        ["AR-002"],
        ["AR-002"],
        ["AR-010", "AR-002"],
        ["AR-010", "AR-002"],
    ]
    third = reviews[2]
    assert [alert.kind for alert in third.alerts] == ["clinician_review"]
    assert len(third.alerts[0].detail["flare_ups"]) == 3  # type: ignore[arg-type]
    assert "Flare-ups began on" in third.explanation
    # Each flare still gets its relief plan at the check-in.
    flare_day = week.checkins[23]
    assert flare_day.flare_up
    relief = checkin_review(
        intake=person, plan=plan, checkin=flare_day, knowledge=knowledge, today=flare_day.day
    )
    assert rules_of(relief) == ["AR-002"]


def test_flare_up_days_close_together_are_one_flare(knowledge: Knowledge) -> None:
    person, plan = person_and_plan(knowledge, pain_now=5)
    week = course(plan, knowledge, [5, 5, 5, 5], flare_days=[2, 3, 4, 6, 9, 16, 17])
    assert len(flare_starts(week, TODAY, knowledge.thresholds)) == 2
    reviews = reviews_week_by_week(person, plan, week, knowledge, 4)
    assert all("AR-010" not in rules_of(review) for review in reviews)


def test_three_flares_spread_over_more_than_four_weeks_are_not_recurrent(
    knowledge: Knowledge,
) -> None:
    person, plan = person_and_plan(knowledge, pain_now=5)
    week = course(plan, knowledge, [5] * 6, flare_days=[0, 15, 30])
    assert len(recent_flares(week, TODAY - timedelta(days=11), knowledge.thresholds)) == 2
    reviews = reviews_week_by_week(person, plan, week, knowledge, 6)
    assert all("AR-010" not in rules_of(review) for review in reviews)


def test_an_old_run_of_flares_is_not_alerted_again_in_a_quiet_week(knowledge: Knowledge) -> None:
    person, plan = person_and_plan(knowledge, pain_now=5)
    week = course(plan, knowledge, [5, 5, 5, 5], flare_days=[0, 5, 10])
    reviews = reviews_week_by_week(person, plan, week, knowledge, 4)
    assert ["AR-010" in rules_of(review) for review in reviews] == [False, True, False, False]

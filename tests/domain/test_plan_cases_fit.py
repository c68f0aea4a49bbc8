"""Written plan cases: plans that fit the person's mobility, at a dose that works (issue 8)."""

from __future__ import annotations

import re

import pytest

from backcare.domain.plan_model import Plan, PlanItem
from backcare.domain.vocabulary import EXERCISE_KINDS, HANDS_ON_KINDS, Kind
from backcare.knowledge.loader import Knowledge
from tests.domain.test_plan_cases import ids, kinds, plan_for

CHRONIC = 30
SUBACUTE = 8
ACUTE = 2


def positions(plan: Plan, knowledge: Knowledge) -> set[str]:
    """Positions of everything the person does with their body."""
    body = EXERCISE_KINDS | HANDS_ON_KINDS | {Kind.relaxation}
    return {knowledge.catalog[i.id].position.value for i in plan.items if i.kind in body}


def of_kind(plan: Plan, kind: Kind) -> list[PlanItem]:
    return [item for item in plan.items if item.kind == kind]


def days_of(plan: Plan, kind: Kind) -> set[str]:
    return {day for item in of_kind(plan, kind) for day in item.days}


def aerobic_minutes_by_day(plan: Plan) -> dict[str, float]:
    minutes: dict[str, float] = {}
    for item in of_kind(plan, Kind.aerobic):
        for day in item.days:
            minutes[day] = minutes.get(day, 0.0) + item.minutes
    return minutes


# ---- Item 7: mobility profile ----


def test_a_wheelchair_user_gets_only_seated_exercise_and_seated_aerobic_activity(
    knowledge: Knowledge,
) -> None:
    plan = plan_for(knowledge, duration_weeks=CHRONIC, mobility={"wheelchair_user": True})
    assert positions(plan, knowledge) <= {"seated", "none"}
    assert "aerobic-seated" in ids(plan)
    assert not {"aerobic-walking", "strengthen-bird-dog", "stretch-cat-camel"} & ids(plan)
    assert len(of_kind(plan, Kind.strengthen)) >= 3
    assert days_of(plan, Kind.aerobic)
    assert any("sitting" in line for line in plan.explanation)


def test_a_wheelchair_user_in_the_first_weeks_moves_seated_and_is_never_sent_walking(
    knowledge: Knowledge,
) -> None:
    plan = plan_for(knowledge, duration_weeks=ACUTE, mobility={"wheelchair_user": True})
    assert positions(plan, knowledge) <= {"seated", "none"}
    assert of_kind(plan, Kind.mobility)
    assert "aerobic-seated" in ids(plan)


def test_a_wheelchair_user_who_swims_keeps_swimming(knowledge: Knowledge) -> None:
    plan = plan_for(
        knowledge,
        duration_weeks=CHRONIC,
        mobility={"wheelchair_user": True},
        preferences={"equipment": ["pool"], "activities": ["swimming"]},
    )
    assert "aerobic-swimming" in ids(plan)
    assert "aerobic-water-walking" not in ids(plan)


def test_a_wheelchair_user_with_a_partner_is_massaged_sitting_without_the_buttock_step(
    knowledge: Knowledge,
) -> None:
    plan = plan_for(knowledge, duration_weeks=CHRONIC, mobility={"wheelchair_user": True})
    assert "partner-massage-position-sitting" in ids(plan)
    assert not {
        "partner-massage-position-front",
        "partner-massage-position-side-lying",
        "partner-massage-hips-glutes",
    } & ids(plan)


def test_no_floor_means_no_floor_or_kneeling_work_and_lying_exercises_on_a_firm_bed(
    knowledge: Knowledge,
) -> None:
    plan = plan_for(knowledge, duration_weeks=CHRONIC, mobility={"cannot_get_to_floor": True})
    assert not positions(plan, knowledge) & {"floor", "kneeling"}
    assert "lying" in positions(plan, knowledge)
    assert Kind.foam_rolling not in kinds(plan)
    assert "strengthen-curl-up-partial" in ids(plan)  # done on a firm bed
    lying = [i for i in plan.items if knowledge.catalog[i.id].position.value == "lying"]
    assert all("firm bed" in item.steps[0] for item in lying if item.kind != Kind.partner_massage)
    assert any("firm bed" in line for line in plan.explanation)
    reasons = {row["id"]: row["reason"] for row in plan.excluded}
    assert "getting down to the floor" in reasons["strengthen-side-plank-knees"]


def test_balance_problems_get_nothing_balance_demanding_and_a_seated_aerobic_option(
    knowledge: Knowledge,
) -> None:
    plan = plan_for(
        knowledge,
        age=68,
        duration_weeks=CHRONIC,
        mobility={"balance_problems": True},
        preferences={"activities": ["tai_chi", "running"]},
    )
    assert not [i.id for i in plan.items if knowledge.catalog[i.id].balance]
    assert not {"aerobic-tai-chi", "aerobic-walk-run", "mobility-standing-back-extension"} & ids(
        plan
    )
    assert {"aerobic-walking", "aerobic-seated"} <= ids(plan)
    assert any("falls" in line for line in plan.explanation)


def test_a_knee_replacement_gets_no_kneeling_and_no_running_but_keeps_trunk_work(
    knowledge: Knowledge,
) -> None:
    plan = plan_for(
        knowledge,
        duration_weeks=CHRONIC,
        conditions=["knee_replacement"],
        preferences={"activities": ["running"]},
    )
    assert "kneeling" not in positions(plan, knowledge)
    assert "aerobic-walk-run" not in ids(plan)
    assert not {"strengthen-bird-dog", "stretch-hip-flexor-kneeling"} & ids(plan)
    assert {"strengthen-curl-up-partial", "strengthen-side-plank-knees"} <= ids(plan)


def test_every_mobility_answer_at_once_still_gives_a_full_seated_plan(
    knowledge: Knowledge,
) -> None:
    plan = plan_for(
        knowledge,
        age=74,
        duration_weeks=CHRONIC,
        conditions=["knee_replacement", "hip_replacement"],
        mobility={"wheelchair_user": True, "cannot_get_to_floor": True, "balance_problems": True},
    )
    assert positions(plan, knowledge) <= {"seated", "none"}
    assert {Kind.strengthen, Kind.aerobic, Kind.mobility} <= kinds(plan)
    assert "strengthen-curl-up-partial" not in ids(plan)  # fracture risk over 70


# ---- Item 8: dose ----


def test_sixty_minutes_five_days_gives_20_to_30_minutes_of_aerobic_activity_on_most_days(
    knowledge: Knowledge,
) -> None:
    plan = plan_for(knowledge, preferences={"minutes_per_day": 60, "days_per_week": 5})
    aerobic = aerobic_minutes_by_day(plan)
    assert len(aerobic) >= 5
    assert all(20 <= minutes <= 30 for minutes in aerobic.values())
    assert len(days_of(plan, Kind.strengthen)) == 3


def test_thirty_minutes_five_days_gives_three_strength_days_and_full_length_aerobic_days(
    knowledge: Knowledge,
) -> None:
    plan = plan_for(knowledge, preferences={"minutes_per_day": 30, "days_per_week": 5})
    assert len(days_of(plan, Kind.strengthen)) == 3
    aerobic = aerobic_minutes_by_day(plan)
    assert len(aerobic) >= 2
    assert min(aerobic.values()) >= 20  # not the 10-minute start, once a week
    walking = next(i for i in plan.items if i.id == "aerobic-walking")
    assert "start with 10" in walking.dose


def test_four_days_give_three_strength_days_and_aerobic_activity_every_session_day(
    knowledge: Knowledge,
) -> None:
    plan = plan_for(knowledge, preferences={"minutes_per_day": 45, "days_per_week": 4})
    assert len(days_of(plan, Kind.strengthen)) == 3
    assert len(aerobic_minutes_by_day(plan)) == 4


def test_three_roomy_days_give_strength_and_aerobic_activity_on_each(
    knowledge: Knowledge,
) -> None:
    plan = plan_for(knowledge, preferences={"minutes_per_day": 60, "days_per_week": 3})
    assert len(days_of(plan, Kind.strengthen)) == 3
    aerobic = aerobic_minutes_by_day(plan)
    assert len(aerobic) == 3
    assert min(aerobic.values()) >= 20


def test_three_short_days_keep_one_day_for_aerobic_activity(knowledge: Knowledge) -> None:
    plan = plan_for(knowledge, preferences={"minutes_per_day": 30, "days_per_week": 3})
    assert len(days_of(plan, Kind.strengthen)) == 2
    aerobic = aerobic_minutes_by_day(plan)
    assert len(aerobic) == 1
    assert min(aerobic.values()) >= 20


def test_six_days_give_four_strength_days(knowledge: Knowledge) -> None:
    plan = plan_for(knowledge, preferences={"minutes_per_day": 45, "days_per_week": 6})
    assert len(days_of(plan, Kind.strengthen)) == 4
    assert len(aerobic_minutes_by_day(plan)) >= 5


@pytest.mark.parametrize("minutes", [5, 10, 14])
def test_under_fifteen_minutes_says_plainly_it_is_below_the_usual_dose_and_how_to_build_up(
    knowledge: Knowledge, minutes: int
) -> None:
    plan = plan_for(knowledge, preferences={"minutes_per_day": minutes})
    note = [line for line in plan.explanation if "20 to 30 minutes" in line]
    assert note, plan.explanation
    assert "build up" in note[0]
    assert max(plan.total_minutes_per_day.values()) <= minutes


@pytest.mark.parametrize("minutes", [15, 30])
def test_fifteen_minutes_or_more_is_not_called_below_the_dose(
    knowledge: Knowledge, minutes: int
) -> None:
    plan = plan_for(knowledge, preferences={"minutes_per_day": minutes})
    assert not any("20 to 30 minutes" in line for line in plan.explanation)


def test_the_partial_curl_up_is_part_of_core_work(knowledge: Knowledge) -> None:
    plan = plan_for(knowledge, duration_weeks=CHRONIC)
    assert {"strengthen-abdominal-bracing", "strengthen-curl-up-partial"} <= ids(plan)
    curl_up = next(i for i in plan.items if i.id == "strengthen-curl-up-partial")
    assert len(curl_up.days) == 3


@pytest.mark.parametrize(
    "answers",
    [
        {"osteoporosis": True, "age": 60},
        {"long_term_steroids": True},
        {"age": 75},
        {"sex": "female", "pregnant": True, "pregnancy_weeks": 14},
    ],
)
def test_the_partial_curl_up_stays_out_when_contraindicated_and_core_work_remains(
    knowledge: Knowledge, answers: dict[str, object]
) -> None:
    plan = plan_for(knowledge, duration_weeks=CHRONIC, **answers)
    if plan.triage.level.value in ("emergency", "urgent"):
        pytest.fail(f"case meant for self-care triaged {plan.triage.level}")
    assert "strengthen-curl-up-partial" not in ids(plan)
    assert len(of_kind(plan, Kind.strengthen)) >= 3


@pytest.mark.parametrize(
    ("weeks", "minutes", "days"),
    [(SUBACUTE, 20, 5), (SUBACUTE, 15, 3), (CHRONIC, 30, 5), (ACUTE, 30, 5)],
)
def test_partner_massage_is_planned_when_a_partner_is_there_and_time_allows(
    knowledge: Knowledge, weeks: int, minutes: int, days: int
) -> None:
    plan = plan_for(
        knowledge,
        duration_weeks=weeks,
        preferences={"equipment": ["mat"], "minutes_per_day": minutes, "days_per_week": days},
    )
    routine = of_kind(plan, Kind.partner_massage)
    assert routine
    assert len({tuple(item.days) for item in routine}) == 1  # one block, the same days
    assert {"partner-massage-before-you-start", "partner-massage-finish-check-in"} <= ids(plan)


def test_a_short_day_keeps_the_partner_routine_whole_but_shorter(knowledge: Knowledge) -> None:
    roomy = plan_for(knowledge, duration_weeks=SUBACUTE, preferences={"minutes_per_day": 45})
    short = plan_for(knowledge, duration_weeks=SUBACUTE, preferences={"minutes_per_day": 20})
    assert len(of_kind(short, Kind.partner_massage)) < len(of_kind(roomy, Kind.partner_massage))
    assert "partner-massage-warm-up-strokes" in ids(short)


# ---- Item 9: matched care on Backcare's own indicators ----

ALL_FOUR = {
    "fear_of_movement": True,
    "worry": True,
    "low_mood": True,
    "bothersomeness": "very_much",
}


def test_three_indicators_in_chronic_pain_lead_to_the_combined_programme(
    knowledge: Knowledge,
) -> None:
    outlook = {"fear_of_movement": True, "worry": True, "bothersomeness": "extremely"}
    plan = plan_for(knowledge, duration_weeks=CHRONIC, outlook=outlook)
    combined = next(i for i in plan.items if i.id == "referral-combined-programme")
    assert combined.rule == "PR-014"
    assert combined.rationale is not None
    assert "3 or more" in combined.rationale
    assert "referral-psychology" in ids(plan)


def test_two_indicators_give_psychological_support_but_not_the_combined_programme(
    knowledge: Knowledge,
) -> None:
    plan = plan_for(knowledge, duration_weeks=CHRONIC, outlook={"worry": True, "low_mood": True})
    assert "referral-psychology" in ids(plan)
    assert "referral-combined-programme" not in ids(plan)


def test_all_four_indicators_before_three_months_do_not_yet_lead_to_the_combined_programme(
    knowledge: Knowledge,
) -> None:
    plan = plan_for(knowledge, duration_weeks=SUBACUTE, outlook=ALL_FOUR)
    assert "referral-combined-programme" not in ids(plan)
    assert "referral-psychology" in ids(plan)


def test_moderate_bothersomeness_is_not_counted_as_an_indicator(knowledge: Knowledge) -> None:
    outlook = {"fear_of_movement": True, "worry": True, "bothersomeness": "moderately"}
    plan = plan_for(knowledge, duration_weeks=CHRONIC, outlook=outlook)
    assert "referral-combined-programme" not in ids(plan)


def test_indicators_bring_relaxation_practice_with_them(knowledge: Knowledge) -> None:
    plan = plan_for(knowledge, duration_weeks=CHRONIC, outlook=ALL_FOUR)
    assert {"relax-slow-breathing", "relax-mindful-body-scan"} <= ids(plan)


# ---- Item 10: spinal manipulation exclusions ----


@pytest.mark.parametrize(
    "answers",
    [
        {"osteoporosis": True, "age": 60},
        {"long_term_steroids": True},
        {"age": 72},
        {"conditions": ["anticoagulated"]},
        {"conditions": ["bleeding_disorder"]},
        {"numbness": ["foot"], "leg_pain": "one_leg"},
        {"leg_weakness": "stable", "weakness_onset": "longer_ago", "leg_pain": "one_leg"},
        {
            "age": 28,
            "age_at_onset": 26,
            "wakes_second_half_of_night": True,
            "alternating_buttock_pain": True,
            "better_with_movement_than_rest": True,
        },
    ],
)
def test_spinal_manipulation_is_never_offered_with_these_risks(
    knowledge: Knowledge, answers: dict[str, object]
) -> None:
    plan = plan_for(knowledge, duration_weeks=CHRONIC, **answers)
    assert plan.triage.level.value in ("soon", "self_care")
    assert Kind.strengthen in kinds(plan)  # a self-care plan, so the exclusion is what is tested
    assert "referral-spinal-manipulation" not in ids(plan)


def test_spinal_manipulation_stays_an_option_without_those_risks(knowledge: Knowledge) -> None:
    plan = plan_for(knowledge, duration_weeks=CHRONIC)
    manipulation = next(i for i in plan.items if i.id == "referral-spinal-manipulation")
    assert manipulation.rule == "PR-010"
    assert "option" in manipulation.schedule


# ---- Item 11: relaxation, weight, smoking, work ----


def test_chronic_pain_gets_mindfulness_on_the_timetable_and_relaxation_to_use_when_needed(
    knowledge: Knowledge,
) -> None:
    plan = plan_for(knowledge, duration_weeks=CHRONIC, preferences={"minutes_per_day": 45})
    by_id = {item.id: item for item in plan.items}
    assert by_id["relax-mindful-body-scan"].days
    assert by_id["relax-progressive-muscle"].schedule == "when needed"
    assert by_id["relax-slow-breathing"].steps


def test_a_recent_episode_without_worry_has_no_relaxation_practice(knowledge: Knowledge) -> None:
    plan = plan_for(knowledge, duration_weeks=ACUTE)
    assert Kind.relaxation not in kinds(plan)


@pytest.mark.parametrize(
    ("height", "weight", "advised"), [(170, 72, False), (170, 73, True), (160, 90, True)]
)
def test_weight_advice_is_given_above_the_healthy_range(
    knowledge: Knowledge, height: int, weight: int, advised: bool
) -> None:
    plan = plan_for(knowledge, height_cm=height, weight_kg=weight)
    assert ("advice-healthy-weight" in ids(plan)) is advised


def test_weight_advice_needs_both_height_and_weight(knowledge: Knowledge) -> None:
    assert "advice-healthy-weight" not in ids(plan_for(knowledge, weight_kg=140))


def test_smokers_get_stop_smoking_advice_and_others_do_not(knowledge: Knowledge) -> None:
    assert "advice-stop-smoking" in ids(plan_for(knowledge, smoker=True))
    assert "advice-stop-smoking" not in ids(plan_for(knowledge))


@pytest.mark.parametrize("work", ["desk", "standing", "manual"])
def test_everyone_in_work_gets_staying_at_work_advice(knowledge: Knowledge, work: str) -> None:
    plan = plan_for(knowledge, preferences={"work": work})
    assert "advice-return-to-work" in ids(plan)


def test_no_work_advice_for_someone_not_in_work_unless_off_work_because_of_pain(
    knowledge: Knowledge,
) -> None:
    assert "advice-return-to-work" not in ids(plan_for(knowledge, preferences={"work": "none"}))
    off = plan_for(knowledge, off_work_because_of_pain=True)
    assert "advice-return-to-work" in ids(off)


# ---- Item 12: rule ids stay out of a person's text ----


def test_referral_reasons_carry_no_rule_id_which_sits_in_its_own_field(
    knowledge: Knowledge,
) -> None:
    plan = plan_for(knowledge, duration_weeks=CHRONIC, leg_pain="one_leg", leg_pain_below_knee=True)
    physio = next(i for i in plan.items if i.id == "referral-physiotherapy")
    assert not re.search(r"\[?PR-\d{3}\]?", physio.why)
    assert physio.rule == "PR-006"
    dumped = plan.model_dump(mode="json")
    referral = next(i for i in dumped["items"] if i["id"] == "referral-physiotherapy")
    assert {"id", "kind", "title", "why", "dose", "schedule", "evidence", "steps", "cautions"} <= (
        set(referral)
    )
    assert referral["rule"] == "PR-006"

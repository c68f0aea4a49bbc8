"""Leaving a safety plan: the warning questions answered again, and triage on the answers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from backcare.domain.intake import Intake, LegPain, Trauma, Weakness
from backcare.domain.safety_exit import answered_again, exit_triage, may_leave
from backcare.domain.triage import triage
from backcare.knowledge.loader import Knowledge
from backcare.tracking.vocabulary import WarningSymptom

ASKED = tuple(code.value for code in WarningSymptom)
CES = Intake.model_validate(
    {
        "age": 45,
        "duration_weeks": 1,
        "pain_now": 7,
        "numbness": ["saddle", "leg"],
        "bladder_bowel_change": True,
        "leg_pain": "both_legs",
        "leg_weakness": "worsening",
        "trauma": "major",
        "cancer_history": True,
    }
)


def test_a_no_takes_back_what_a_yes_set_and_nothing_else() -> None:
    again = answered_again(CES, ASKED, ())
    assert again.numbness == ["leg"]
    assert again.bladder_bowel_change is False
    assert again.leg_pain is LegPain.one_leg
    assert again.leg_weakness is Weakness.stable
    assert again.trauma is Trauma.none
    assert again.cancer_history is True  # history is not asked again
    assert again.age == 45


def test_a_yes_is_applied_as_at_a_check_in() -> None:
    again = answered_again(CES, ASKED, ["saddle_numbness"])
    assert "saddle" in again.numbness
    assert again.bladder_bowel_change is False


def test_an_emergency_clears_only_when_every_warning_is_gone(knowledge: Knowledge) -> None:
    plain = CES.model_copy(update={"cancer_history": False, "leg_weakness": Weakness.none})
    assert triage(plain, knowledge).level.value == "emergency"
    assert may_leave(exit_triage(plain, ASKED, (), knowledge))
    assert not may_leave(exit_triage(plain, ASKED, ["bladder_bowel_change"], knowledge))


def test_weakness_steps_down_to_stable_and_so_still_needs_a_doctor(knowledge: Knowledge) -> None:
    # "Not getting worse" is not "gone": new stable weakness is still urgent (RF-035).
    plain = CES.model_copy(update={"cancer_history": False})
    assert not may_leave(exit_triage(plain, ASKED, (), knowledge))


def test_a_red_flag_from_answers_not_asked_again_keeps_the_plan(knowledge: Knowledge) -> None:
    drugs = Intake.model_validate(
        {"age": 45, "duration_weeks": 1, "pain_now": 5, "iv_drug_use": True}
    )
    assert not may_leave(exit_triage(drugs, ASKED, (), knowledge))


@settings(max_examples=60, deadline=None)
@given(yes=st.sets(st.sampled_from(ASKED)))
def test_saying_yes_again_never_allows_more_than_saying_no(
    knowledge: Knowledge, yes: set[str]
) -> None:
    plain = CES.model_copy(update={"cancer_history": False})
    with_yes = exit_triage(plain, ASKED, yes, knowledge).level.rank
    without = exit_triage(plain, ASKED, (), knowledge).level.rank
    assert with_yes >= without

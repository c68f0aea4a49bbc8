"""The questionnaire definition: its order, its words, its answer types and when each shows."""

from __future__ import annotations

from typing import Any

import pytest

from backcare.domain.intake import CONDITION_QUESTIONS, Intake, Mobility, Outlook, Preferences
from backcare.domain.questionnaire import (
    SECTIONS,
    all_questions,
    answer_problems,
    questions_shown,
    section_by_id,
)
from backcare.domain.questions import AnswerType, Question, answer_at, put_answer

BASE: dict[str, Any] = {"age": 40, "duration_weeks": 2, "pain_now": 3}
QUESTIONS = {q.path: q for q in all_questions()}


def shown(answers: dict[str, Any]) -> list[str]:
    return [q.path for q in questions_shown(answers)]


def test_warning_sections_come_first() -> None:
    warning = [s.warning for s in SECTIONS]
    assert warning == sorted(warning, reverse=True)
    assert SECTIONS[0].warning


def test_cauda_equina_is_asked_before_any_other_warning_sign() -> None:
    assert {"bladder_bowel_change", "numbness", "sexual_function_change"} <= set(SECTIONS[0].paths)
    assert SECTIONS[1].paths == ("warning_symptoms_onset",)


def test_the_background_comes_after_the_warnings_and_the_preferences_come_last() -> None:
    order = [s.id for s in SECTIONS]
    assert order.index("about") == sum(s.warning for s in SECTIONS)
    assert order[-4:] == ["conditions", "moving", "outlook", "preferences"]


def test_every_warning_question_with_yes_no_or_one_choice_needs_an_answer() -> None:
    for s in SECTIONS:
        for q in s.questions:
            single = q.answer in (AnswerType.yes_no, AnswerType.one_choice)
            assert q.must_answer == (q.required or (s.warning and single)), q.path


def _field_question(path: str) -> str:
    model: Any = Intake
    *parents, leaf = path.split(".")
    for part in parents:
        model = {"outlook": Outlook, "preferences": Preferences, "mobility": Mobility}[part]
    extra = model.model_fields[leaf].json_schema_extra
    return str(extra["question"])


def test_each_question_is_worded_by_its_intake_field() -> None:
    for path, q in QUESTIONS.items():
        assert q.text == _field_question(path)


@pytest.mark.parametrize(
    ("path", "answer", "low", "high"),
    [
        ("pain_now", AnswerType.number, 0, 10),
        ("pregnancy_weeks", AnswerType.number, 0, 45),
        ("preferences.days_per_week", AnswerType.number, 1, 7),
        ("fever", AnswerType.yes_no, None, None),
        ("leg_pain", AnswerType.one_choice, None, None),
        ("preferences.equipment", AnswerType.several_choices, None, None),
    ],
)
def test_answer_types_and_bounds_come_from_the_field(
    path: str, answer: AnswerType, low: float | None, high: float | None
) -> None:
    q = QUESTIONS[path]
    assert (q.answer, q.low, q.high) == (answer, low, high)


def test_weeks_may_have_decimals_and_ages_may_not() -> None:
    assert QUESTIONS["duration_weeks"].decimals
    assert not QUESTIONS["age"].decimals


def test_choices_are_in_plain_words() -> None:
    conditions = QUESTIONS["conditions"].choices
    assert [c.label for c in conditions] == list(CONDITION_QUESTIONS.values())
    onset = {c.value: c.label for c in QUESTIONS["warning_symptoms_onset"].choices}
    assert onset["stable_over_2_weeks"] == "Have stayed the same for more than two weeks"
    assert all("_" not in c.label for q in QUESTIONS.values() for c in q.choices)


def test_optional_questions_carry_the_intakes_default() -> None:
    assert QUESTIONS["preferences.minutes_per_day"].default == 30
    assert QUESTIONS["sex"].default is None
    assert QUESTIONS["outlook.bothersomeness"].default == "not_at_all"
    assert QUESTIONS["age"].required


def test_pregnancy_weeks_only_when_pregnant() -> None:
    assert "pregnancy_weeks" in shown({**BASE, "pregnant": True})
    assert "pregnancy_weeks" not in shown({**BASE, "pregnant": False})
    assert "pregnancy_weeks" not in shown(BASE)


def test_a_man_is_not_asked_about_pregnancy() -> None:
    assert "pregnant" not in shown({**BASE, "sex": "male"})
    assert "pregnant" in shown({**BASE, "sex": "female"})
    assert "pregnant" in shown(BASE)  # sex not given: ask


def test_leg_details_only_with_leg_pain() -> None:
    assert "leg_pain_below_knee" in shown({**BASE, "leg_pain": "both_legs"})
    assert "leg_pain_below_knee" not in shown({**BASE, "leg_pain": "none"})
    assert "leg_pain_below_knee" not in shown(BASE)


@pytest.mark.parametrize(
    "feature",
    [
        {"numbness": ["saddle"]},
        {"numbness": ["both_legs"]},
        {"bladder_bowel_change": True},
        {"sexual_function_change": True},
    ],
)
def test_when_the_changes_began_follows_any_cauda_equina_feature(feature: dict[str, Any]) -> None:
    assert "warning_symptoms_onset" in shown({**BASE, **feature})


def test_when_the_changes_began_is_not_asked_for_numbness_in_one_foot() -> None:
    assert "warning_symptoms_onset" not in shown({**BASE, "numbness": ["foot"]})


def test_a_page_shows_a_question_that_depends_on_an_answer_on_the_same_page() -> None:
    pregnancy = section_by_id("pregnancy")
    assert pregnancy is not None
    drawn = [q.path for q in pregnancy.on_one_page({})]
    assert drawn == ["sex", "pregnant", "pregnancy_warning_signs"]


def test_nested_answers_are_put_and_read_by_path() -> None:
    answers: dict[str, Any] = {}
    put_answer(answers, "outlook.worry", True)
    put_answer(answers, "age", "")
    assert answers == {"outlook": {"worry": True}}
    assert answer_at(answers, "outlook.worry") is True
    assert answer_at(answers, "preferences.work") is None


@pytest.mark.parametrize(
    ("answers", "path", "words"),
    [
        ({"age": 15}, "age", "doctor"),
        ({"pain_now": 6, "pain_worst_week": 2}, "pain_worst_week", "cannot be below"),
        ({"preferences": {"days_per_week": 9}}, "preferences.days_per_week", "no bigger than 7"),
        ({"preferences": {"equipment": ["sofa"]}}, "preferences.equipment", "Input should be"),
    ],
)
def test_problems_name_the_question_in_plain_words(
    answers: dict[str, Any], path: str, words: str
) -> None:
    problems = answer_problems(answers)
    assert words in problems[path]


def test_a_question_is_frozen() -> None:
    q: Question = QUESTIONS["fever"]
    with pytest.raises(AttributeError):
        q.text = "Fever?"  # type: ignore[misc]

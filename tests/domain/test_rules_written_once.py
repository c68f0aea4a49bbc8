"""Each clinical number and each catalog id the code relies on is written, or checked, once."""

from __future__ import annotations

from importlib import resources

import pytest

from backcare.domain.facts import FRACTURE_RISK_AGE, contraindication_codes
from backcare.domain.intake import Intake
from backcare.domain.named_entries import entries_named_by_code
from backcare.domain.vocabulary import Contra
from backcare.engine import triage_document
from backcare.knowledge import loader
from backcare.knowledge.loader import Knowledge, KnowledgeError


def test_a_catalog_missing_an_entry_the_code_names_is_refused_at_load(
    knowledge: Knowledge,
) -> None:
    catalog = {k: v for k, v in knowledge.catalog.items() if k != "referral-gp"}
    with pytest.raises(KnowledgeError, match=r"'referral-gp' \(named by the urgent safety plan"):
        loader._check_named_entries(catalog)


def test_every_entry_the_code_names_is_in_the_packaged_catalog(knowledge: Knowledge) -> None:
    named = entries_named_by_code()
    assert {"referral-emergency-department", "referral-gp"} <= set(named)
    assert set(named) <= set(knowledge.catalog)
    loader._check_named_entries(knowledge.catalog)


@pytest.mark.parametrize("age", [FRACTURE_RISK_AGE, FRACTURE_RISK_AGE + 1])
def test_the_fracture_age_is_one_number_for_the_red_flags_and_the_plan(
    knowledge: Knowledge, age: int
) -> None:
    """Over the age, a minor fall fires the age-and-fall fracture rule and the plan treats the
    person as at fracture risk; at the age itself, neither: both read FRACTURE_RISK_AGE."""
    answers = {"age": age, "duration_weeks": 1, "pain_now": 5, "trauma": "minor"}
    over = age > FRACTURE_RISK_AGE
    codes = {flag["code"] for flag in triage_document(answers, knowledge)["red_flags"]}
    assert ("age_over_70" in codes) is over
    assert (Contra.fracture_risk in contraindication_codes(Intake.model_validate(answers))) is over
    rules = resources.files("backcare.knowledge").joinpath("red_flags.yaml").read_text("utf-8")
    assert "[age, fracture_risk_age]" in rules
    assert "[age, 70]" not in rules

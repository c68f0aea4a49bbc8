"""Selection by bit masks and remembered picks gives exactly what the plain rules give."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings

from backcare.domain.classify import classify
from backcare.domain.facts import contraindication_codes
from backcare.domain.intake import Intake
from backcare.domain.plan.eligibility import Person, fits, pick
from backcare.domain.vocabulary import Contra, Kind
from backcare.knowledge.loader import Knowledge
from backcare.knowledge.schema import CatalogEntry
from tests.strategies import intakes

# The mobility answers in words: what each rules out, written out here rather than read
# from the vocabulary table, so the table is checked against an independent statement.
_OUT_OF_REACH = {
    "wheelchair_user": {"standing", "walking", "lying", "floor", "kneeling"},
    "cannot_get_to_floor": {"floor", "kneeling"},
    "knee_replacement": {"kneeling"},
    "knee_problem": {"kneeling"},
}


def _within_reach(entry: CatalogEntry, person: Person) -> bool:
    mobility = person.intake.mobility
    if mobility.balance_problems and entry.balance:
        return False
    return not any(
        entry.position.value in positions
        for code, positions in _OUT_OF_REACH.items()
        if code in person.contra
    )


def _plainly_fits(entry: CatalogEntry, person: Person) -> bool:
    """Contract 4 in words: right phase, no contraindication, meant for them, all equipment,
    partner, activity, and a position the person can get into."""
    prefs = person.intake.preferences
    return (
        person.phase in entry.phases
        and not set(entry.contraindications) & person.contra
        and set(entry.only_for) <= person.contra
        and _within_reach(entry, person)
        and set(entry.equipment) <= set(prefs.equipment)
        and (prefs.partner_available or not entry.needs_partner)
        and (
            entry.activity is None
            or entry.activity in prefs.activities
            or entry.activity.value == "walking"
        )
    )


@settings(max_examples=150, deadline=None)
@given(data=intakes(warnings=False))
def test_picks_match_the_plain_rules_for_every_kind_tag_and_level(
    data: dict[str, Any], knowledge: Knowledge
) -> None:
    intake = Intake.model_validate(data)
    person = Person(intake, classify(intake).duration, contraindication_codes(intake))
    catalog = knowledge.catalog
    for entry in catalog.values():
        assert fits(entry, person) is _plainly_fits(entry, person), entry.id
    tags = sorted({tag for entry in catalog.values() for tag in entry.tags})
    for kind in (None, *Kind):
        for tag in (None, *tags):
            for max_level in (1, 2, 5):
                expected = [
                    e
                    for e in catalog.of_kind(kind)
                    if (tag is None or tag in e.tags)
                    and e.level <= max_level
                    and _plainly_fits(e, person)
                ]
                # Twice: the second answer comes from the remembered picks.
                for _ in range(2):
                    assert pick(catalog, person, kind=kind, tag=tag, max_level=max_level) == (
                        expected
                    )


def test_a_contraindication_always_removes_an_entry_from_picks(knowledge: Knowledge) -> None:
    base = {"age": 40, "duration_weeks": 20, "pain_now": 3}
    well = Intake.model_validate(base)
    pregnant = Intake.model_validate({**base, "pregnant": True, "pregnancy_weeks": 30})
    for intake in (well, pregnant, well):  # memo filled by one person, read by another
        person = Person(intake, classify(intake).duration, contraindication_codes(intake))
        for entry in pick(knowledge.catalog, person):
            assert not set(entry.contraindications) & person.contra
        if intake is pregnant:
            assert Contra.late_pregnancy in person.contra

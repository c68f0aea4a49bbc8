"""Choose referrals: each referral rule (referral_rules.yaml) that applies and is safe."""

from __future__ import annotations

from backcare.domain.knowledge.model import Knowledge
from backcare.domain.knowledge.schema import CatalogEntry, ReferralRule
from backcare.domain.logic import Facts
from backcare.domain.plan.eligibility import Person


def choose_referrals(
    knowledge: Knowledge, facts: Facts, person: Person
) -> list[tuple[CatalogEntry, ReferralRule]]:
    """Each referral that applies and is safe, with the first rule (in file order) that chose
    it; ``facts`` are the referral facts (facts_for_rules.referral_facts)."""
    catalog = knowledge.catalog
    chosen: dict[str, tuple[CatalogEntry, ReferralRule]] = {}
    for rule in knowledge.referrals_applying(facts):
        if rule.entry in chosen:
            continue
        # Every rule's entry is a referral in the catalog: the loader refuses one without.
        entry = catalog[rule.entry]
        if _referral_safe(entry, person):
            chosen[rule.entry] = (entry, rule)
    return list(chosen.values())


def _referral_safe(entry: CatalogEntry, person: Person) -> bool:
    """Referrals ignore equipment and phase lists but never a contraindication.

    A referral needs no body position (checked at load), so its contraindications are all
    that can rule it out.
    """
    return person.contra.isdisjoint(entry.contraindications)


__all__ = ["choose_referrals"]

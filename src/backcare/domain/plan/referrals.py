"""Choose referrals: each rule in ``referral_rules`` that applies and is safe for the person."""

from __future__ import annotations

from collections.abc import Mapping

from backcare.domain.knowledge.schema import CatalogEntry
from backcare.domain.plan.eligibility import Person
from backcare.domain.plan.referral_rules import RULES, Context, ReferralRule


def choose_referrals(
    catalog: Mapping[str, CatalogEntry], context: Context
) -> list[tuple[CatalogEntry, ReferralRule]]:
    """Each referral that applies and is safe, with the first rule that chose it."""
    chosen: dict[str, tuple[CatalogEntry, ReferralRule]] = {}
    for rule in RULES:
        if rule.entry_id in chosen or not rule.applies(context):
            continue
        # Every rule's entry exists: the loader refuses a catalog without one (named_entries).
        entry = catalog[rule.entry_id]
        if _referral_safe(entry, context.person):
            chosen[rule.entry_id] = (entry, rule)
    return list(chosen.values())


def _referral_safe(entry: CatalogEntry, person: Person) -> bool:
    """Referrals ignore equipment and phase lists but never a contraindication.

    A referral needs no body position (checked at load), so its contraindications are all
    that can rule it out.
    """
    return person.contra.isdisjoint(entry.contraindications)


__all__ = ["Context", "ReferralRule", "choose_referrals"]

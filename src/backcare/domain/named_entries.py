"""The catalog entries the domain's code names by id, so the loader can check each exists.

Most of what the plan holds is chosen from the catalog by kind, tag and phase; these few are
named in code: the referral of each urgent triage level and the referrals of the weekly review.
(The referral rules PR-0xx name theirs in referral_rules.yaml; the loader checks those with
the rules.) A catalog without one of them is refused at load, naming the
id and who names it, instead of a rule quietly never firing.
"""

from __future__ import annotations

from backcare.domain.adapt.actions import REFER_ON, REFER_ON_AFTER_PHYSIOTHERAPY, SEE_A_CLINICIAN
from backcare.domain.plan.safety import LEVEL_REFERRAL


def entries_named_by_code() -> dict[str, list[str]]:
    """Each catalog id the code names, with the rules or modules that name it."""
    named: dict[str, list[str]] = {}
    for level, entry_id in LEVEL_REFERRAL.items():
        named.setdefault(entry_id, []).append(f"the {level.value} safety plan")
    review = {
        SEE_A_CLINICIAN: "the weekly review (see a clinician)",
        REFER_ON: "the weekly review (AR-006)",
        REFER_ON_AFTER_PHYSIOTHERAPY: "the weekly review (AR-006)",
    }
    for entry_id, where in review.items():
        named.setdefault(entry_id, []).append(where)
    return named

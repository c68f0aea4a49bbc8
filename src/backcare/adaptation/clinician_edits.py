"""Reviews keep what clinicians edited (SAFETY.md H-154; the rule is in plan_edits.kept).

A review runs on the plan with the clinicians' kept items set aside, so the review's rules
(which read the catalog) never meet a custom exercise, and never refit a dose or days a
clinician chose. The items go back into whatever plan the review makes, at their places,
unless that plan is a safety plan (red flags win) or a flare-up's relief plan (the version it
returns to still holds them).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from sqlalchemy.orm import Session

from backcare.domain.adapt import Review
from backcare.domain.plan.builder import SAFETY_ONLY
from backcare.domain.plan_model import Plan
from backcare.plan_edits.kept import put_back, set_aside
from backcare.plan_edits.service import live_kept


def keeping_edits(
    session: Session, *, patient_id: str, plan: Plan, run: Callable[[Plan], Review]
) -> Review:
    """``run`` (a review of ``plan``), with the clinicians' kept items set aside and put back."""
    kept = live_kept(session, patient_id=patient_id)
    if not kept:
        return run(plan)
    reviewed_plan, aside = set_aside(plan, kept)
    review = run(reviewed_plan)

    def back(made: Plan | None) -> Plan | None:
        if made is None or made.triage.level in SAFETY_ONLY:
            return made
        return put_back(made, aside, kept.removed, plan)

    if review.resume_plan is not None:
        # A relief plan now; what comes back after it keeps the edits.
        return dataclasses.replace(review, resume_plan=back(review.resume_plan))
    return dataclasses.replace(review, new_plan=back(review.new_plan))

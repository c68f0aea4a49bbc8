"""Which profession each of the plan's referral targets goes to, and the targets never referred."""

from __future__ import annotations

from backcare.accounts.vocabulary import Profession
from backcare.domain.vocabulary import Target

PROFESSION_OF_TARGET: dict[Target, Profession] = {
    Target.gp: Profession.DOCTOR,
    Target.physiotherapy: Profession.PHYSIOTHERAPIST,
    Target.massage_therapy: Profession.MASSAGE_THERAPIST,
    Target.manual_therapy: Profession.CHIROPRACTOR_OR_OSTEOPATH,
    Target.acupuncture: Profession.PHYSIOTHERAPIST,
    Target.psychology: Profession.PSYCHOLOGIST,
    Target.multidisciplinary_rehab: Profession.PHYSIOTHERAPIST,
    Target.rheumatology: Profession.DOCTOR,
    Target.spine_specialist: Profession.DOCTOR,
}
"""A referral item's target and the profession in Backcare that answers it. A specialist
(rheumatology, spine) is reached through a doctor; acupuncture and rehabilitation programmes are
most often run by physiotherapists."""

GO_NOW = frozenset({Target.emergency_department, Target.maternity_unit})
"""Targets that mean "go now": never a referral to wait for (SAFETY.md H-180)."""

SAFETY_LEVELS = frozenset({"emergency", "urgent"})
"""Plan levels at which the person must be seen by a doctor first (SAFETY.md H-181)."""

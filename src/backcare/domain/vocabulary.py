"""Closed vocabularies shared by the catalog, the rules and the plan (contracts 2-4)."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

from backcare.domain.intake import Condition


class Level(StrEnum):
    """Triage levels, from most to least urgent."""

    emergency = "emergency"
    urgent = "urgent"
    soon = "soon"
    self_care = "self_care"

    @property
    def rank(self) -> int:
        """Higher is more urgent, so the triage level is the maximum rank that fired."""
        return _LEVEL_RANK[self]


_LEVEL_RANK = {Level.self_care: 0, Level.soon: 1, Level.urgent: 2, Level.emergency: 3}


class Kind(StrEnum):
    self_massage = "self_massage"
    partner_massage = "partner_massage"
    foam_rolling = "foam_rolling"
    stretch = "stretch"
    strengthen = "strengthen"
    mobility = "mobility"
    aerobic = "aerobic"
    heat = "heat"
    cold = "cold"
    posture = "posture"
    sleep = "sleep"
    education = "education"
    advice = "advice"
    referral = "referral"
    relaxation = "relaxation"


EXERCISE_KINDS = frozenset({Kind.stretch, Kind.strengthen, Kind.mobility, Kind.aerobic})
HANDS_ON_KINDS = frozenset({Kind.self_massage, Kind.partner_massage, Kind.foam_rolling})


class Phase(StrEnum):
    acute = "acute"
    subacute = "subacute"
    chronic = "chronic"


class Target(StrEnum):
    """Who a referral item sends the person to."""

    emergency_department = "emergency_department"
    gp = "gp"
    physiotherapy = "physiotherapy"
    massage_therapy = "massage_therapy"
    manual_therapy = "manual_therapy"
    acupuncture = "acupuncture"
    psychology = "psychology"
    multidisciplinary_rehab = "multidisciplinary_rehab"
    rheumatology = "rheumatology"
    spine_specialist = "spine_specialist"
    # Pregnancy warning signs go to the maternity unit (labour ward or maternity triage), which
    # holds the person's notes, rather than to a general emergency department.
    maternity_unit = "maternity_unit"


class Guideline(StrEnum):
    nice = "NICE-NG59"
    acp = "ACP-2017"
    who = "WHO-2023"


class Stance(StrEnum):
    """A guideline's position on one intervention, in the guideline's own strength terms."""

    recommend = "recommend"
    consider = "consider"
    may_offer = "may_offer"
    only_with_exercise = "only_with_exercise"
    no_recommendation = "no_recommendation"
    not_mentioned = "not_mentioned"
    do_not_offer = "do_not_offer"
    recommend_against = "recommend_against"


class Contra(StrEnum):
    """Facts about a person that can rule a catalog item out (contract 4 contraindications).

    Every long-term condition in the intake is a code; the rest are derived in ``facts.py``.
    """

    pregnant = "pregnant"
    late_pregnancy = "late_pregnancy"
    osteoporosis = "osteoporosis"
    fracture_risk = "fracture_risk"
    long_term_steroids = "long_term_steroids"
    radicular = "radicular"
    leg_weakness = "leg_weakness"
    recent_strain = "recent_strain"
    neuro_deficit = "neuro_deficit"
    wheelchair_user = "wheelchair_user"
    cannot_get_to_floor = "cannot_get_to_floor"
    balance_problems = "balance_problems"
    aortic_aneurysm = Condition.aortic_aneurysm.value
    hip_replacement = Condition.hip_replacement.value
    knee_replacement = Condition.knee_replacement.value
    reduced_sensation_skin = Condition.reduced_sensation_skin.value
    raynauds = Condition.raynauds.value
    skin_condition_back = Condition.skin_condition_back.value
    blood_clot_history = Condition.blood_clot_history.value
    anticoagulated = Condition.anticoagulated.value
    heart_condition = Condition.heart_condition.value
    psoriasis = Condition.psoriasis.value
    inflammatory_bowel_disease = Condition.inflammatory_bowel_disease.value
    family_history_spondyloarthritis = Condition.family_history_spondyloarthritis.value
    diabetes = Condition.diabetes.value
    uveitis = Condition.uveitis.value
    arthritis_or_enthesitis = Condition.arthritis_or_enthesitis.value
    bleeding_disorder = Condition.bleeding_disorder.value
    knee_problem = Condition.knee_problem.value
    shoulder_problem = Condition.shoulder_problem.value
    high_blood_pressure = Condition.high_blood_pressure.value
    vascular_disease = Condition.vascular_disease.value
    family_history_aneurysm = Condition.family_history_aneurysm.value


class Position(StrEnum):
    """The body position a catalog entry needs: the easiest one it can be done in."""

    none = "none"
    seated = "seated"
    standing = "standing"
    walking = "walking"
    lying = "lying"
    floor = "floor"
    kneeling = "kneeling"
    pool = "pool"


# Which mobility answers rule a position out. "lying" means on a firm bed or the floor, so only
# a wheelchair user (whose plan stays in the chair) loses it; "floor" and "kneeling" need the
# person to get down to the floor and up again. Kneeling is also left out with a replaced or
# painful knee: most people find it hard after a knee replacement (WYLDE-2019), so the plan
# offers another way to train the same muscles rather than ask for it.
POSITION_RULED_OUT_BY: Mapping[Position, frozenset[Contra]] = MappingProxyType(
    {
        Position.none: frozenset(),
        Position.seated: frozenset(),
        Position.standing: frozenset({Contra.wheelchair_user}),
        Position.walking: frozenset({Contra.wheelchair_user}),
        Position.lying: frozenset({Contra.wheelchair_user}),
        Position.floor: frozenset({Contra.wheelchair_user, Contra.cannot_get_to_floor}),
        Position.kneeling: frozenset(
            {
                Contra.wheelchair_user,
                Contra.cannot_get_to_floor,
                Contra.knee_replacement,
                Contra.knee_problem,
            }
        ),
        Position.pool: frozenset(),
    }
)
BODY_POSITIONS = frozenset(Position) - {Position.none}
"""Positions that put the body somewhere; every exercise needs one of them."""

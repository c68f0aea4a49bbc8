"""What about a person rules catalog items out: the contraindication codes that apply."""

from __future__ import annotations

from backcare.domain.intake import Intake, LegPain, Numbness, Trauma, Weakness
from backcare.domain.vocabulary import Contra

# Age over 70 was informative for fracture (HENSCHKE-2009; DOWNIE-2013); clinical evidence 4.3.
FRACTURE_RISK_AGE = 70
# Cold is offered as an option in the first 48 hours after a strain (FRENCH-2006); one week
# keeps "recent" generous because people often start the intake a few days in.
RECENT_STRAIN_WEEKS = 1.0

# Cut-offs both this module and the red-flag rules use: red_flags.yaml names them
# (``{gt: [age, fracture_risk_age]}``), so each number is written here only.
NAMED_NUMBERS: dict[str, float] = {"fracture_risk_age": FRACTURE_RISK_AGE}


def contraindication_codes(intake: Intake) -> frozenset[Contra]:
    """Every code in the contraindication vocabulary that is true of this person."""
    codes = {Contra(c.value) for c in intake.conditions}
    derived = {
        Contra.pregnant: intake.pregnant,
        Contra.late_pregnancy: intake.late_pregnancy,
        Contra.osteoporosis: intake.osteoporosis,
        Contra.long_term_steroids: intake.long_term_steroids,
        Contra.fracture_risk: intake.osteoporosis
        or intake.long_term_steroids
        or intake.age > FRACTURE_RISK_AGE,
        Contra.radicular: is_radicular(intake),
        Contra.leg_weakness: has_weakness(intake),
        Contra.recent_strain: intake.duration_weeks <= RECENT_STRAIN_WEEKS
        and intake.trauma != Trauma.major,
        Contra.neuro_deficit: has_neuro_deficit(intake),
        Contra.wheelchair_user: intake.mobility.wheelchair_user,
        Contra.cannot_get_to_floor: intake.mobility.cannot_get_to_floor,
        Contra.balance_problems: intake.mobility.balance_problems,
    }
    codes.update(code for code, applies in derived.items() if applies)
    return frozenset(codes)


def has_neuro_deficit(intake: Intake) -> bool:
    """Any weakness, numbness or new bladder, bowel or sexual change: a nerve is not working."""
    return (
        intake.leg_weakness != Weakness.none
        or bool(intake.numbness)
        or intake.bladder_bowel_change
        or intake.sexual_function_change
    )


def is_radicular(intake: Intake) -> bool:
    """Leg-dominant or below-knee leg pain, or leg numbness or weakness: sciatica-type pain."""
    nerve_signs = has_weakness(intake) or bool(_LEG_NUMBNESS & set(intake.numbness))
    if intake.leg_pain == LegPain.none:
        return nerve_signs
    return intake.leg_pain_below_knee or intake.leg_pain_worse_than_back or nerve_signs


def has_weakness(intake: Intake) -> bool:
    """Weakness reported, either directly or through what it stops the person doing."""
    return intake.leg_weakness != Weakness.none or bool(intake.weakness_signs)


_LEG_NUMBNESS = frozenset({Numbness.leg, Numbness.both_legs, Numbness.foot})

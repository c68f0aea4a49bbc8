"""Referral rules PR-0xx as data: when each applies, the person's reason, the clinician's.

``why`` is shown to the person; ``rationale`` (with the rule id) is for clinicians and travels
in the plan's ``rule`` and ``rationale`` fields, never in the person's text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from backcare.domain.classify import Classification, PainType, Risk
from backcare.domain.plan.eligibility import Person
from backcare.domain.plan_model import TriageResult
from backcare.domain.vocabulary import Level, Phase

INFLAMMATORY_FLAGS = frozenset({"inflammatory_pattern_ng65", "inflammatory_pattern_berlin"})
PSYCHOSOCIAL_MIN = 2
"""Two of Backcare's own indicators are enough to suggest psychological support (PR-005)."""
COMBINED_CARE_MIN = 3
"""Three of the four indicators, in chronic pain, lead to the combined programme (PR-014)."""
NO_MANIPULATION_FLAGS = INFLAMMATORY_FLAGS | frozenset(
    {"unexplained_weight_loss", "constant_night_pain", "stable_weakness", "both_legs_long_standing"}
)
"""Flags under which spinal manipulation is never offered (MANIPULATION-SAFETY, IFOMPT-2020):
a suspected serious cause, a deficit, or an inflammatory condition. The intake-only reasons
(osteoporosis, fracture risk, blood thinners, bleeding disorder, aneurysm, any neurological
deficit) are contraindication codes on the referral entry, so no rule can offer it past them."""


@dataclass(frozen=True, slots=True)
class Context:
    person: Person
    classification: Classification
    triage: TriageResult

    @property
    def flag_codes(self) -> frozenset[str]:
        return frozenset(flag.code for flag in self.triage.red_flags if flag.escalates)

    @property
    def beyond_acute(self) -> bool:
        return self.person.phase != Phase.acute


@dataclass(frozen=True, slots=True)
class ReferralRule:
    id: str
    entry_id: str
    applies: Callable[[Context], bool]
    why: str
    rationale: str
    optional: bool = False


def _risk(*levels: Risk) -> Callable[[Context], bool]:
    return lambda c: c.classification.risk in levels


def _phase(*phases: Phase) -> Callable[[Context], bool]:
    return lambda c: c.person.phase in phases


def _indicators(c: Context) -> int:
    return len(c.classification.psychosocial_indicators)


RULES: tuple[ReferralRule, ...] = (
    ReferralRule(
        "PR-001",
        "referral-gp",
        lambda c: c.triage.level == Level.soon,
        "Some of your answers are worth a doctor's check in the next one to two weeks (see the "
        "warning signs listed). You can start the plan meanwhile.",
        "Triage level soon: at least one flag needs a GP review within one to two weeks; "
        "self-care can start meanwhile.",
    ),
    ReferralRule(
        "PR-002",
        "referral-rheumatology",
        lambda c: bool(c.flag_codes & INFLAMMATORY_FLAGS),
        "Your answers fit a pattern that can come from an inflammatory back condition. Your GP "
        "can arrange tests or a referral to a rheumatologist (NICE NG65).",
        "Inflammatory back pain pattern (NG65 or Berlin criteria): GP assessment for suspected "
        "axial spondyloarthritis and rheumatology referral (NICE NG65).",
    ),
    ReferralRule(
        "PR-020",
        "referral-pelvic-girdle-pain",
        lambda c: c.person.intake.pregnant and c.person.intake.pelvic_girdle_pain,
        "Pain at the front or back of the pelvis in pregnancy gets better sooner with early "
        "help from a physiotherapist; your midwife can arrange it (RCOG, POGP).",
        "Pregnancy-related pelvic girdle pain without a maternity warning sign: physiotherapy "
        "through the midwife (POGP pelvic girdle pain guidance; RCOG).",
    ),
    ReferralRule(
        "PR-003",
        "referral-physiotherapy",
        _risk(Risk.medium, Risk.high),
        "Screening suggests physiotherapy would help you recover (STarT Back matched care).",
        "STarT Back medium or high risk: matched care is physiotherapy (HILL-2011; NICE NG59 "
        "risk-stratified care).",
    ),
    ReferralRule(
        "PR-004",
        "referral-combined-programme",
        lambda c: (
            c.beyond_acute
            and (c.classification.risk == Risk.high or c.person.intake.treatment_not_helped)
        ),
        "When pain persists with a big effect on life, or treatment has not helped, a "
        "programme combining exercise with psychological support works better than either "
        "alone (NICE NG59).",
        "STarT Back high risk beyond the acute phase, or a failed course of treatment: NICE "
        "NG59 combined physical and psychological programme with a CBT approach.",
    ),
    ReferralRule(
        "PR-014",
        "referral-combined-programme",
        lambda c: c.person.phase == Phase.chronic and _indicators(c) >= COMBINED_CARE_MIN,
        "Pain that has lasted months, together with fear of moving, worry, low mood or pain "
        "that bothers you a lot, is best helped by a programme that combines exercise with "
        "psychological support (NICE NG59).",
        "Chronic pain with 3 or more of Backcare's 4 psychosocial indicators (fear of "
        "movement, worry, low mood, very or extremely bothersome). They mirror STarT Back's "
        "distress items without its catastrophising item, whose high-risk cut-off is 4 of 5 "
        "(KEELE-SBST): 3 of 4 keeps the same one-item slack. Matched care for that group is "
        "the NICE NG59 combined physical and psychological programme. Indicators, not a score.",
    ),
    ReferralRule(
        "PR-005",
        "referral-psychology",
        lambda c: (
            c.classification.risk == Risk.high
            or (_indicators(c) >= PSYCHOSOCIAL_MIN and c.beyond_acute)
        ),
        "Worry, fear of moving and low mood can keep pain going. Talking therapy based on CBT, "
        "alongside your exercises, can help (NICE NG59; Keele high-risk care).",
        "STarT Back high risk, or 2 or more of Backcare's psychosocial indicators beyond the "
        "acute phase: psychological therapy with a CBT approach, alongside exercise (NICE NG59).",
    ),
    ReferralRule(
        "PR-006",
        "referral-physiotherapy",
        lambda c: c.classification.type == PainType.radicular and c.beyond_acute,
        "Leg pain from a nerve that has lasted weeks benefits from a physiotherapist's "
        "examination and a tailored programme.",
        "Radicular pain beyond six weeks: physiotherapy examination and a tailored programme.",
    ),
    ReferralRule(
        "PR-007",
        "referral-physiotherapy",
        lambda c: "stable_weakness" in c.flag_codes,
        "Weakness in a leg should be examined and followed by a physiotherapist.",
        "Stable motor weakness: examination and follow-up of the deficit by a physiotherapist.",
    ),
    ReferralRule(
        "PR-008",
        "referral-spine-specialist",
        lambda c: (
            c.classification.type == PainType.radicular
            and c.person.phase == Phase.chronic
            and c.person.intake.treatment_not_helped
        ),
        "Long-lasting sciatica that has not improved with treatment can be assessed by a spine "
        "specialist, through your GP, to discuss other options.",
        "Chronic radicular pain after failed treatment: spinal specialist opinion through the GP.",
    ),
    ReferralRule(
        "PR-009",
        "referral-physiotherapy",
        _phase(Phase.chronic),
        "After three months, a physiotherapist can check this programme, tailor it and help "
        "you progress safely (NICE NG59: exercise programmes).",
        "Chronic phase: physiotherapy review and progression of the exercise programme.",
    ),
    ReferralRule(
        "PR-010",
        "referral-spinal-manipulation",
        lambda c: c.beyond_acute and not c.flag_codes & NO_MANIPULATION_FLAGS,
        "An option to discuss: spinal manipulation or mobilisation, only together with your "
        "exercises. Guidelines differ on it; see their positions.",
        "Manual therapy only within a package with exercise (NICE NG59). Never with a suspected "
        "inflammatory condition, serious cause or deficit (flags), nor with osteoporosis, "
        "fracture risk, blood thinners, a bleeding disorder, an aneurysm or any neurological "
        "deficit (entry contraindications).",
        optional=True,
    ),
    ReferralRule(
        "PR-011",
        "referral-massage-therapy",
        _phase(Phase.subacute, Phase.chronic),
        "An option: professional massage can give short-term relief, only beside exercise.",
        "Massage beside exercise only (NICE NG59); short-term relief, low-quality evidence "
        "(FURLAN-2015).",
        optional=True,
    ),
    ReferralRule(
        "PR-012",
        "referral-acupuncture",
        _phase(Phase.subacute, Phase.chronic),
        "An option some guidelines support and others advise against; see their positions "
        "before you decide.",
        "Guidelines disagree: NICE NG59 do not offer; ACP 2017 recommends; WHO 2023 may offer.",
        optional=True,
    ),
    ReferralRule(
        "PR-013",
        "referral-emg-biofeedback",
        _phase(Phase.chronic),
        "An option for long-lasting pain: learning to relax tense muscles with feedback from a "
        "sensor (ACP 2017, low-quality evidence).",
        "EMG biofeedback for chronic pain (ACP 2017, low-quality evidence; SIELSKI-2017).",
        optional=True,
    ),
)

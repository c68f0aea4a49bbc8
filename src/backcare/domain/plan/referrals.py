"""Referral rules: who else could help, and why (each rule has a stable id and sources)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from backcare.domain.classify import Classification, PainType, Risk
from backcare.domain.plan.eligibility import Person
from backcare.domain.plan_model import TriageResult
from backcare.domain.vocabulary import Level, Phase
from backcare.knowledge.schema import CatalogEntry

_INFLAMMATORY_FLAGS = frozenset({"inflammatory_pattern_ng65", "inflammatory_pattern_berlin"})
# Two or more of Backcare's own indicators: enough to suggest support, never a score.
_PSYCHOSOCIAL_MIN = 2
# CLINICAL.md 5.6: no spinal manipulation while a serious cause or a deficit is still open.
_NO_MANIPULATION_FLAGS = frozenset(
    {"unexplained_weight_loss", "constant_night_pain", "stable_weakness", "both_legs_long_standing"}
)


@dataclass(frozen=True, slots=True)
class Context:
    person: Person
    classification: Classification
    triage: TriageResult

    @property
    def flag_codes(self) -> frozenset[str]:
        return frozenset(flag.code for flag in self.triage.red_flags if flag.escalates)


@dataclass(frozen=True, slots=True)
class ReferralRule:
    id: str
    entry_id: str
    applies: Callable[[Context], bool]
    why: str
    optional: bool = False


def _risk(*levels: Risk) -> Callable[[Context], bool]:
    return lambda c: c.classification.risk in levels


def _phase(*phases: Phase) -> Callable[[Context], bool]:
    return lambda c: c.person.phase in phases


RULES: tuple[ReferralRule, ...] = (
    ReferralRule(
        "PR-001",
        "referral-gp",
        lambda c: c.triage.level == Level.soon,
        "Some of your answers are worth a doctor's check in the next one to two weeks (see the "
        "warning signs listed). You can start the plan meanwhile.",
    ),
    ReferralRule(
        "PR-002",
        "referral-rheumatology",
        lambda c: bool(c.flag_codes & _INFLAMMATORY_FLAGS),
        "Your answers fit a pattern that can come from an inflammatory back condition. Your GP "
        "can arrange tests or a referral to a rheumatologist (NICE NG65).",
    ),
    # Numbered from 20 so that ids added to this list at the same time elsewhere do not clash.
    ReferralRule(
        "PR-020",
        "referral-pelvic-girdle-pain",
        lambda c: c.person.intake.pregnant and c.person.intake.pelvic_girdle_pain,
        "Pain at the front or back of the pelvis in pregnancy gets better sooner with early "
        "help from a physiotherapist; your midwife can arrange it (RCOG, POGP).",
    ),
    ReferralRule(
        "PR-003",
        "referral-physiotherapy",
        _risk(Risk.medium, Risk.high),
        "Screening suggests physiotherapy would help you recover (STarT Back matched care).",
    ),
    ReferralRule(
        "PR-004",
        "referral-combined-programme",
        lambda c: (
            (c.classification.risk == Risk.high and c.person.phase != Phase.acute)
            or (c.person.intake.treatment_not_helped and c.person.phase != Phase.acute)
        ),
        "When pain persists with a big effect on life, or treatment has not helped, a "
        "programme combining exercise with psychological support works better than either "
        "alone (NICE NG59).",
    ),
    ReferralRule(
        "PR-005",
        "referral-psychology",
        lambda c: (
            c.classification.risk == Risk.high
            or (
                len(c.classification.psychosocial_indicators) >= _PSYCHOSOCIAL_MIN
                and c.person.phase != Phase.acute
            )
        ),
        "Worry, fear of moving and low mood can keep pain going. Talking therapy based on CBT, "
        "alongside your exercises, can help (NICE NG59; Keele high-risk care).",
    ),
    ReferralRule(
        "PR-006",
        "referral-physiotherapy",
        lambda c: c.classification.type == PainType.radicular and c.person.phase != Phase.acute,
        "Leg pain from a nerve that has lasted weeks benefits from a physiotherapist's "
        "examination and a tailored programme.",
    ),
    ReferralRule(
        "PR-007",
        "referral-physiotherapy",
        lambda c: "stable_weakness" in c.flag_codes,
        "Weakness in a leg should be examined and followed by a physiotherapist.",
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
    ),
    ReferralRule(
        "PR-009",
        "referral-physiotherapy",
        _phase(Phase.chronic),
        "After three months, a physiotherapist can check this programme, tailor it and help "
        "you progress safely (NICE NG59: exercise programmes).",
    ),
    ReferralRule(
        "PR-010",
        "referral-spinal-manipulation",
        lambda c: c.person.phase != Phase.acute and not c.flag_codes & _NO_MANIPULATION_FLAGS,
        "An option to discuss: spinal manipulation or mobilisation, only together with your "
        "exercises. Guidelines differ on it; see their positions.",
        optional=True,
    ),
    ReferralRule(
        "PR-011",
        "referral-massage-therapy",
        _phase(Phase.subacute, Phase.chronic),
        "An option: professional massage can give short-term relief, only beside exercise.",
        optional=True,
    ),
    ReferralRule(
        "PR-012",
        "referral-acupuncture",
        _phase(Phase.subacute, Phase.chronic),
        "An option some guidelines support and others advise against; see their positions "
        "before you decide.",
        optional=True,
    ),
    ReferralRule(
        "PR-013",
        "referral-emg-biofeedback",
        _phase(Phase.chronic),
        "An option for long-lasting pain: learning to relax tense muscles with feedback from a "
        "sensor (ACP 2017, low-quality evidence).",
        optional=True,
    ),
)


def choose_referrals(
    catalog: Mapping[str, CatalogEntry], context: Context
) -> list[tuple[CatalogEntry, ReferralRule]]:
    """Each referral that applies and is safe, with the first rule that chose it."""
    chosen: dict[str, tuple[CatalogEntry, ReferralRule]] = {}
    for rule in RULES:
        entry = catalog.get(rule.entry_id)
        if entry is None or rule.entry_id in chosen or not rule.applies(context):
            continue
        if _referral_safe(entry, context.person):
            chosen[rule.entry_id] = (entry, rule)
    return list(chosen.values())


def _referral_safe(entry: CatalogEntry, person: Person) -> bool:
    """Referrals ignore equipment and phase lists but never a contraindication."""
    return person.contra.isdisjoint(entry.contraindications)

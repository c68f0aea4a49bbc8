"""Closed vocabularies of tracking, free of any database or web import."""

from __future__ import annotations

from enum import StrEnum


class MeasureKind(StrEnum):
    """Outcome measures Backcare records."""

    NPRS = "NPRS"
    PEG = "PEG"
    PSFS = "PSFS"
    STARTBACK = "STARTBACK"


class AlertKind(StrEnum):
    """Why a patient needs attention."""

    red_flag = "red_flag"
    pain_worsening = "pain_worsening"
    no_improvement = "no_improvement"
    clinician_review = "clinician_review"
    severe_pain = "severe_pain"


class WarningSymptom(StrEnum):
    """New warning symptoms asked at every check-in; each maps onto an intake answer.

    The code names the intake answers it updates for re-triage (``saddle_numbness`` adds
    ``saddle`` to ``numbness``, ``leg_weakness_worsening`` sets ``leg_weakness=worsening``,
    ``major_trauma`` sets ``trauma=major``, ``new_fall_or_injury`` sets ``trauma=minor``,
    ``sudden_severe_change`` sets ``sudden_severe_onset``, ``leg_symptoms_both_legs`` sets
    ``leg_pain=both_legs`` and ``leg_symptoms_worsening``; see ``domain/adapt/warnings.py``).
    """

    bladder_bowel_change = "bladder_bowel_change"
    saddle_numbness = "saddle_numbness"
    sexual_function_change = "sexual_function_change"
    leg_weakness_worsening = "leg_weakness_worsening"
    leg_symptoms_both_legs = "leg_symptoms_both_legs"
    leg_symptoms_worsening = "leg_symptoms_worsening"
    fever = "fever"
    feels_unwell = "feels_unwell"
    unexplained_weight_loss = "unexplained_weight_loss"
    constant_night_pain = "constant_night_pain"
    unable_to_walk_or_bear_weight = "unable_to_walk_or_bear_weight"
    new_fall_or_injury = "new_fall_or_injury"
    major_trauma = "major_trauma"
    sudden_severe_change = "sudden_severe_change"


WARNING_QUESTIONS: dict[WarningSymptom, str] = {
    WarningSymptom.bladder_bowel_change: "Since your last check-in, is it newly hard to start "
    "peeing or to hold it in, or have you lost control of your bowels?",
    WarningSymptom.saddle_numbness: "Do you have new numbness between your legs or around your "
    "back passage?",
    WarningSymptom.sexual_function_change: "Have you had new problems with sex, such as losing "
    "feeling in your genitals?",
    WarningSymptom.leg_weakness_worsening: "Is a leg or foot newly weak, or weaker than before?",
    WarningSymptom.leg_symptoms_both_legs: "Has pain, numbness or pins and needles spread to "
    "both legs?",
    WarningSymptom.leg_symptoms_worsening: "In one leg, has pain, numbness or pins and needles "
    "started, got worse, or spread further down the leg?",
    WarningSymptom.fever: "Do you have a fever (38 °C or more) or feel hot and shivery?",
    WarningSymptom.feels_unwell: "Do you feel generally unwell: faint, sweaty or very weak?",
    WarningSymptom.unexplained_weight_loss: "Have you lost weight without trying?",
    WarningSymptom.constant_night_pain: "Is the pain there all night, not eased by resting or "
    "changing position?",
    WarningSymptom.unable_to_walk_or_bear_weight: "Are you unable to stand or walk because of "
    "the pain?",
    WarningSymptom.new_fall_or_injury: "Have you had a fall, or hurt your back lifting or "
    "twisting?",
    WarningSymptom.major_trauma: "Have you had a serious injury, such as a road accident or a "
    "fall from a height?",
    WarningSymptom.sudden_severe_change: "Has a sudden, severe pain come on that feels different "
    "from your usual back pain (not after an injury)?",
}

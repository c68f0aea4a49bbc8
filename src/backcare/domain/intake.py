"""The intake: what a person tells Backcare about their back pain (contract 1).

Every field carries the plain-language question a person is asked for it (``question`` in the
JSON schema), so the CLI questionnaire, the web wizard and the documentation read from one place.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

# Re-exported: the answer choices of the turn-3 warning questions belong to the intake contract.
from backcare.domain.intake_signs import PainCourse as PainCourse
from backcare.domain.intake_signs import PregnancySign as PregnancySign
from backcare.domain.intake_signs import WeaknessOnset as WeaknessOnset
from backcare.domain.intake_signs import WeaknessSign as WeaknessSign

MINIMUM_AGE = 16
PREGNANCY_LATE_WEEKS = 20


def ask(question: str, meaning: str, **kwargs: Any) -> Any:
    """A pydantic Field that records the layperson question next to the clinical meaning."""
    extra: dict[str, Any] = {"question": question}
    return Field(description=meaning, json_schema_extra=extra, **kwargs)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Sex(StrEnum):
    female = "female"
    male = "male"
    other = "other"


class LegPain(StrEnum):
    none = "none"
    one_leg = "one_leg"
    both_legs = "both_legs"


class Numbness(StrEnum):
    leg = "leg"
    both_legs = "both_legs"
    foot = "foot"
    saddle = "saddle"


class Onset(StrEnum):
    new_or_worsening = "new_or_worsening"
    stable_over_2_weeks = "stable_over_2_weeks"


class Weakness(StrEnum):
    none = "none"
    stable = "stable"
    worsening = "worsening"


class Trauma(StrEnum):
    none = "none"
    minor = "minor"
    major = "major"


class Bother(StrEnum):
    not_at_all = "not_at_all"
    slightly = "slightly"
    moderately = "moderately"
    very_much = "very_much"
    extremely = "extremely"


class Condition(StrEnum):
    """Long-term conditions that change what is safe to plan or how triage reads an answer."""

    aortic_aneurysm = "aortic_aneurysm"
    hip_replacement = "hip_replacement"
    knee_replacement = "knee_replacement"
    reduced_sensation_skin = "reduced_sensation_skin"
    raynauds = "raynauds"
    skin_condition_back = "skin_condition_back"
    blood_clot_history = "blood_clot_history"
    anticoagulated = "anticoagulated"
    heart_condition = "heart_condition"
    psoriasis = "psoriasis"
    inflammatory_bowel_disease = "inflammatory_bowel_disease"
    family_history_spondyloarthritis = "family_history_spondyloarthritis"
    diabetes = "diabetes"
    uveitis = "uveitis"
    arthritis_or_enthesitis = "arthritis_or_enthesitis"
    bleeding_disorder = "bleeding_disorder"
    knee_problem = "knee_problem"
    shoulder_problem = "shoulder_problem"
    high_blood_pressure = "high_blood_pressure"
    vascular_disease = "vascular_disease"
    family_history_aneurysm = "family_history_aneurysm"


CONDITION_QUESTIONS: dict[Condition, str] = {
    Condition.aortic_aneurysm: "A doctor has told you that you have a swelling of the main "
    "artery in your tummy (an aortic aneurysm)",
    Condition.hip_replacement: "You have had a hip replaced",
    Condition.knee_replacement: "You have had a knee replaced",
    Condition.reduced_sensation_skin: "Some of your skin on your back or legs cannot feel heat, "
    "cold or touch properly",
    Condition.raynauds: "Your fingers or toes turn white or blue in the cold (Raynaud's)",
    Condition.skin_condition_back: "You have a rash, wound, burn or skin infection on your back",
    Condition.blood_clot_history: "You have had a blood clot in a leg or lung",
    Condition.anticoagulated: "You take a blood thinner such as warfarin, apixaban or rivaroxaban",
    Condition.heart_condition: "You have a heart condition, or a doctor has told you to limit "
    "exercise",
    Condition.psoriasis: "You have or have had psoriasis (scaly patches of skin)",
    Condition.inflammatory_bowel_disease: "You have Crohn's disease or ulcerative colitis",
    Condition.family_history_spondyloarthritis: "A parent, brother, sister or child has "
    "ankylosing spondylitis, psoriatic arthritis or a similar inflammatory back condition",
    Condition.diabetes: "You have diabetes",
    Condition.uveitis: "You have had a painful red eye diagnosed as uveitis or iritis",
    Condition.arthritis_or_enthesitis: "You have had swollen joints, or painful swelling where a "
    "tendon joins the bone (such as the heel)",
    Condition.bleeding_disorder: "You have a bleeding disorder such as haemophilia",
    Condition.knee_problem: "You have a knee problem that makes squatting or kneeling hard",
    Condition.shoulder_problem: "You have a shoulder problem that makes leaning on your arms hard",
    Condition.high_blood_pressure: "You have high blood pressure that is not under control",
    Condition.vascular_disease: "You have had a heart attack, angina, a stroke or mini-stroke, "
    "or a doctor has told you that the arteries to your legs are narrowed",
    Condition.family_history_aneurysm: "A parent, brother, sister or child has had a swelling of "
    "the main artery in the tummy (an aortic aneurysm)",
}


class Equipment(StrEnum):
    mat = "mat"
    foam_roller = "foam_roller"
    massage_ball = "massage_ball"
    towel = "towel"
    heat_pack = "heat_pack"
    ice_pack = "ice_pack"
    pool = "pool"
    bike = "bike"
    gym = "gym"


class Activity(StrEnum):
    walking = "walking"
    swimming = "swimming"
    cycling = "cycling"
    yoga = "yoga"
    pilates = "pilates"
    tai_chi = "tai_chi"
    running = "running"


class Work(StrEnum):
    desk = "desk"
    standing = "standing"
    manual = "manual"
    none = "none"


AgreeField = Annotated[bool, Field(description="true = agree, false = disagree")]


class StartBackAnswers(Strict):
    """The nine STarT Back items keyed by topic, copied by a clinician from the official form.

    Backcare does not reproduce the tool's wording (Keele University copyright, KEELE-SBST).
    """

    leg_pain: AgreeField
    shoulder_neck_pain: AgreeField
    walked_short_distances: AgreeField
    dressed_slowly: AgreeField
    not_safe_to_be_active: AgreeField
    worrying_thoughts: AgreeField
    terrible_never_better: AgreeField
    not_enjoyed_things: AgreeField
    bothersomeness: Bother


class Outlook(Strict):
    """Backcare's own questions about how the pain is affecting the person (not a score)."""

    fear_of_movement: bool = ask(
        "Are you afraid that moving or exercising could damage your back?",
        "Fear that activity is harmful (fear-avoidance).",
        default=False,
    )
    worry: bool = ask(
        "Have you been worrying about your back much of the time over the last two weeks?",
        "Persistent worry about the pain.",
        default=False,
    )
    low_mood: bool = ask(
        "Over the last two weeks, have you felt down or stopped enjoying things you usually enjoy?",
        "Low mood or loss of enjoyment.",
        default=False,
    )
    bothersomeness: Bother = ask(
        "Overall, how much has your back pain bothered you over the last two weeks?",
        "How bothersome the pain has been, five steps.",
        default=Bother.not_at_all,
    )


class Mobility(Strict):
    """How the person gets about, so every exercise is one they can safely get into."""

    wheelchair_user: bool = ask(
        "Do you use a wheelchair for most of your day?",
        "Uses a wheelchair most of the day: exercises stay seated; nothing standing, walking, "
        "lying or kneeling.",
        default=False,
    )
    cannot_get_to_floor: bool = ask(
        "Would getting down onto the floor, or back up from it, be hard or unsafe for you?",
        "Cannot get down to or up from the floor: no floor or kneeling work; lying exercises "
        "are done on a firm bed.",
        default=False,
    )
    balance_problems: bool = ask(
        "Have you fallen in the last year, or do you often feel unsteady on your feet?",
        "A fall in the last year or unsteadiness: nothing that asks for balance without "
        "something to hold.",
        default=False,
    )


class Preferences(Strict):
    """How much time and what the person has, so every planned item fits their life."""

    minutes_per_day: int = ask(
        "On a day you exercise, how many minutes can you give to your back programme?",
        "Daily time budget for timed items, minutes (5-120).",
        default=30,
        ge=5,
        le=120,
    )
    days_per_week: int = ask(
        "On how many days a week can you do an exercise session?",
        "Exercise days per week (1-7). The hamstring stretch is daily regardless.",
        default=5,
        ge=1,
        le=7,
    )
    equipment: list[Equipment] = ask(
        "Which of these do you have at home or can use?",
        "Available equipment.",
        default_factory=list,
    )
    partner_available: bool = ask(
        "Is there someone who could give you a gentle back massage a few times a week?",
        "A partner, friend or relative can do guided partner massage.",
        default=False,
    )
    activities: list[Activity] = ask(
        "Which of these activities do you enjoy or would you be willing to try?",
        "Preferred activities; aerobic items are chosen from these (walking is always offered).",
        default_factory=list,
    )
    work: Work | None = ask(
        "What is your work mostly like?",
        "Main work posture, for posture and work advice.",
        default=None,
    )


class Intake(Strict):
    """Everything Backcare is told about one episode of low back pain (contract 1)."""

    # Required
    age: int = ask("How old are you?", "Age in whole years (16-120).", ge=0, le=120)
    duration_weeks: float = ask(
        "How many weeks ago did this episode of back pain start? (Use 0.5 for a few days.)",
        "Length of the current episode in weeks, may be fractional.",
        ge=0,
        le=5200,
    )
    pain_now: int = ask(
        "How bad is your back pain right now, from 0 (no pain) to 10 (worst pain imaginable)?",
        "Pain intensity now, 0-10 numeric rating.",
        ge=0,
        le=10,
    )

    # Background
    sex: Sex | None = ask("What sex were you assigned at birth?", "Sex.", default=None)
    pregnant: bool = ask("Are you pregnant?", "Currently pregnant.", default=False)
    pregnancy_weeks: int | None = ask(
        "How many weeks pregnant are you?",
        "Weeks of pregnancy (0-45), only when pregnant.",
        default=None,
        ge=0,
        le=45,
    )
    smoker: bool = ask("Do you smoke?", "Current smoker.", default=False)
    pain_worst_week: int | None = ask(
        "What was your worst back pain in the last week, from 0 to 10?",
        "Worst pain over the last week, 0-10; not below pain_now.",
        default=None,
        ge=0,
        le=10,
    )
    previous_episodes: int = ask(
        "Before this time, how many separate episodes of back pain have you had?",
        "Count of earlier episodes.",
        default=0,
        ge=0,
        le=1000,
    )

    height_cm: float | None = ask(
        "How tall are you, in centimetres? (Leave it out if you are not sure.)",
        "Height in centimetres (100-250), with weight_kg for the body mass index.",
        default=None,
        ge=100,
        le=250,
    )
    weight_kg: float | None = ask(
        "How much do you weigh, in kilograms? (Leave it out if you are not sure.)",
        "Weight in kilograms (25-350), with height_cm for the body mass index.",
        default=None,
        ge=25,
        le=350,
    )

    # Leg symptoms
    leg_pain: LegPain = ask(
        "Does pain spread from your back into your legs?",
        "Radiating leg pain: none, one leg or both legs.",
        default=LegPain.none,
    )
    leg_pain_below_knee: bool = ask(
        "Does that leg pain go below the knee?", "Leg pain reaches below the knee.", default=False
    )
    leg_pain_worse_than_back: bool = ask(
        "Is the leg pain worse than the back pain?", "Leg pain dominates.", default=False
    )
    leg_symptoms_worsening: bool = ask(
        "In the last two weeks, has pain, numbness or weakness in your legs started or got "
        "worse, or spread from one leg to both?",
        "Leg pain, numbness or weakness new or worsening over two weeks (one leg to both counts).",
        default=False,
    )
    numbness: list[Numbness] = ask(
        "Do you have numbness or pins and needles in any of these places: one leg, both legs, "
        "a foot, or between your legs or around your back passage?",
        "Numbness sites; saddle = genitals, anus, buttocks or inner thighs.",
        default_factory=list,
    )
    bladder_bowel_change: bool = ask(
        "Is it newly hard to start peeing or to hold it in, have you lost control of your "
        "bowels, or can you no longer feel when your bladder or bowel is full? (Constipation "
        "from painkillers and old, unchanged leaks do not count.)",
        "New urinary retention/hesitancy, incontinence, or loss of bladder/rectal fullness "
        "sensation.",
        default=False,
    )
    sexual_function_change: bool = ask(
        "Since the back pain began, have you had new problems with sex, such as losing feeling "
        "in your genitals or being unable to get an erection?",
        "New sexual dysfunction.",
        default=False,
    )
    warning_symptoms_onset: Onset = ask(
        "Did those bladder, bowel, numbness or sex changes start or get worse in the last two "
        "weeks, or have they stayed the same for longer than that?",
        "Onset of the cauda equina features above (bladder/bowel, saddle or both-legs numbness, "
        "sexual function); missing means new or worsening.",
        default=Onset.new_or_worsening,
    )
    leg_weakness: Weakness = ask(
        "Is either leg or foot weak (for example the foot slaps or catches when you walk)? Is "
        "it staying the same or getting worse?",
        "Motor weakness: none, stable, worsening.",
        default=Weakness.none,
    )
    weakness_onset: WeaknessOnset | None = ask(
        "When did the weakness start: in the last two weeks, or longer ago than that?",
        "Onset of leg weakness: last_two_weeks or longer_ago; missing counts as new.",
        default=None,
    )
    weakness_signs: list[WeaknessSign] = ask(
        "Because of the weakness, does any of this happen: your foot drops, slaps or catches on "
        "the ground when you walk; you cannot stand or walk on your heels; you cannot stand or "
        "walk on tiptoe; your knee gives way; both legs are weak?",
        "How much the weakness limits: foot drop, failed heel or toe walking, knee giving way "
        "(major deficit), or weakness in both legs.",
        default_factory=list,
    )

    # Infection and systemic illness
    fever: bool = ask(
        "Do you have a fever (38 °C or more) or feel hot and shivery?", "Fever.", default=False
    )
    feels_unwell: bool = ask(
        "Do you feel generally unwell: faint, sweaty, shivering or very weak?",
        "Systemically unwell.",
        default=False,
    )
    urinary_burning_or_frequency: bool = ask(
        "Does it burn or sting when you pee, or do you need to pee much more often than usual?",
        "Urinary tract symptoms.",
        default=False,
    )
    iv_drug_use: bool = ask(
        "Do you inject drugs, or have you in the last year?", "Intravenous drug use.", default=False
    )
    immunosuppressed: bool = ask(
        "Do you have a weakened immune system, for example from chemotherapy, HIV, an organ "
        "transplant, or medicines that damp down the immune system?",
        "Immunosuppression.",
        default=False,
    )
    recent_infection_or_spinal_procedure: bool = ask(
        "In the last three months have you had a serious infection, or an operation or injection "
        "in your spine?",
        "Recent bacterial infection or spinal procedure.",
        default=False,
    )

    # Cancer
    cancer_history: bool = ask(
        "Have you ever been treated for cancer?", "History of malignancy.", default=False
    )
    unexplained_weight_loss: bool = ask(
        "Have you lost weight recently without trying?",
        "Unintended weight loss.",
        default=False,
    )
    constant_night_pain: bool = ask(
        "Is the pain there all night, and not eased by resting or changing position?",
        "Constant, non-mechanical night pain.",
        default=False,
    )
    thoracic_pain: bool = ask(
        "Do you also have pain in the middle or upper back, between the shoulder blades or "
        "around the ribs?",
        "Thoracic pain.",
        default=False,
    )

    # Fracture
    trauma: Trauma = ask(
        "Did the pain start after an injury? Minor: a fall from standing height or lifting "
        "something. Major: a road accident or a fall from a height.",
        "Trauma at onset: none, minor, major.",
        default=Trauma.none,
    )
    osteoporosis: bool = ask(
        "Has a doctor told you that you have thin or weak bones (osteoporosis)?",
        "Known osteoporosis.",
        default=False,
    )
    long_term_steroids: bool = ask(
        "Have you taken steroid tablets such as prednisolone for more than three months?",
        "Prolonged systemic corticosteroids.",
        default=False,
    )
    unable_to_walk_or_bear_weight: bool = ask(
        "Are you unable to stand or walk because of the pain?",
        "Cannot bear weight.",
        default=False,
    )
    pain_unrelenting: bool = ask(
        "Is the pain severe, and does nothing ease it at all: not resting, not changing "
        "position, not a warm pack or the painkillers you have tried?",
        "Severe pain not eased by rest, position or simple measures.",
        default=False,
    )
    pain_course: PainCourse = ask(
        "Over the last two weeks, has your back pain stayed the same or eased? Or is it new, "
        "getting worse, or different from before (for example in a new place or a new kind of "
        "pain)?",
        "Course of the back pain over two weeks: new_or_worse (default; missing counts as new "
        "or changed) or same_or_easing.",
        default=PainCourse.new_or_worse,
    )

    # Vascular and abdominal
    sudden_severe_onset: bool = ask(
        "Did the pain come on suddenly and severely, within minutes, without an injury?",
        "Sudden severe non-traumatic onset.",
        default=False,
    )
    abdominal_or_groin_pain: bool = ask(
        "Do you also have pain in your tummy or groin?",
        "Abdominal or groin pain.",
        default=False,
    )
    flank_pain: bool = ask(
        "Do you have pain in your side, between your lowest ribs and your hip, where a kidney "
        "stone would hurt?",
        "Flank (loin) pain.",
        default=False,
    )

    # Pregnancy
    pregnancy_warning_signs: list[PregnancySign] = ask(
        "If you are pregnant, do you have any of these now: your bump tightening again and "
        "again, or cramps like period pains; bleeding from your vagina; fluid leaking from your "
        "vagina; your baby moving less than usual; burning or stinging when you pee; severe pain "
        "just below your ribs?",
        "Pregnancy warning signs (labour, bleeding, waters, reduced fetal movements, urinary "
        "infection, pre-eclampsia); only when pregnant.",
        default_factory=list,
    )
    pelvic_girdle_pain: bool = ask(
        "If you are pregnant, do you have pain at the front of your pelvis (over the bone "
        "between your legs) or at the back of it, that is worse when you walk, climb stairs, "
        "stand on one leg or turn over in bed?",
        "Pregnancy-related pelvic girdle pain.",
        default=False,
    )

    # Inflammatory pattern
    morning_stiffness_minutes: int = ask(
        "How many minutes does your back stay stiff after you get up in the morning?",
        "Duration of morning stiffness, minutes.",
        default=0,
        ge=0,
        le=1440,
    )
    better_with_movement_than_rest: bool = ask(
        "Does your back feel better when you move about, and not better when you rest?",
        "Improves with exercise, not with rest.",
        default=False,
    )
    wakes_second_half_of_night: bool = ask(
        "Does back pain wake you in the second half of the night?",
        "Night waking in the second half of the night.",
        default=False,
    )
    alternating_buttock_pain: bool = ask(
        "Do you get pain deep in the buttocks that switches from one side to the other?",
        "Alternating buttock pain.",
        default=False,
    )
    better_with_anti_inflammatories: bool = ask(
        "Did anti-inflammatory tablets such as ibuprofen ease the pain clearly within two days?",
        "Good response to NSAIDs within 48 hours.",
        default=False,
    )
    age_at_onset: int | None = ask(
        "How old were you when you first had back pain?",
        "Age at first onset of back pain, years.",
        default=None,
        ge=0,
        le=120,
    )

    # Course
    treatment_not_helped: bool = ask(
        "Have you had a course of treatment for this episode (such as physiotherapy) that did "
        "not help?",
        "Failed treatment for this episode.",
        default=False,
    )
    off_work_because_of_pain: bool = ask(
        "Are you off work or unable to do your usual daily tasks because of the pain?",
        "Off work or usual activities.",
        default=False,
    )

    conditions: list[Condition] = ask(
        "Do any of these apply to you?", "Long-term conditions.", default_factory=list
    )
    startback: StartBackAnswers | None = Field(
        default=None,
        description="STarT Back answers entered by a clinician from the official form.",
    )
    outlook: Outlook | None = Field(
        default=None, description="Backcare's own psychosocial questions."
    )
    mobility: Mobility = Field(
        default_factory=Mobility, description="How the person gets about (mobility profile)."
    )
    preferences: Preferences = Field(default_factory=Preferences)

    @field_validator("age")
    @classmethod
    def _old_enough(cls, age: int) -> int:
        if age < MINIMUM_AGE:
            raise ValueError(
                f"Backcare is for people aged {MINIMUM_AGE} or over. Back pain in a child or "
                "young teenager should be checked by a doctor: please book an appointment."
            )
        return age

    @model_validator(mode="after")
    def _consistent(self) -> Intake:
        if self.pain_worst_week is not None and self.pain_worst_week < self.pain_now:
            raise ValueError("pain_worst_week: the worst pain this week cannot be below pain_now")
        if self.pregnancy_weeks is not None and not self.pregnant:
            raise ValueError("pregnancy_weeks: only give the weeks of pregnancy when pregnant")
        if self.pregnant and self.sex == Sex.male:
            raise ValueError("pregnant: cannot be true when sex is male")
        if self.pregnancy_warning_signs and not self.pregnant:
            raise ValueError(
                "pregnancy_warning_signs: only give pregnancy warning signs when pregnant"
            )
        return self

    @property
    def body_mass_index(self) -> float | None:
        """Weight over height squared (kg/m²), when both were given."""
        if self.height_cm is None or self.weight_kg is None:
            return None
        return self.weight_kg / (self.height_cm / 100) ** 2

    @property
    def late_pregnancy(self) -> bool:
        """Pregnant and past 20 weeks, or pregnant with the weeks unknown (assume the worst)."""
        if not self.pregnant:
            return False
        return self.pregnancy_weeks is None or self.pregnancy_weeks >= PREGNANCY_LATE_WEEKS


Level = Literal["emergency", "urgent", "soon", "self_care"]

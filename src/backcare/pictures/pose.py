"""The shape of a pose: one simple figure's joint angles, where it rests, its props and partner.

Angles are in degrees, in the plane of the picture. In a side view the figure faces right;
``near`` limbs are the ones towards the viewer and ``far`` limbs are drawn paler behind the
body. In a front view ``near`` limbs are on the right of the picture and ``far`` on the left.
Every range below is a comfortable human range, a little wider where a stretch goes further;
the ankle points the toes up to 80 degrees because kneeling and lying face down rest the tops
of the feet on the floor.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

SIDES = ("near", "far")


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _pair(value: Any) -> Any:
    """A single number in the file means the same angle on both sides."""
    return (value, value) if isinstance(value, int | float) else value


def _within(low: float, high: float) -> Callable[[tuple[float, float]], tuple[float, float]]:
    def check(pair: tuple[float, float]) -> tuple[float, float]:
        for angle in pair:
            if not low <= angle <= high:
                raise ValueError(f"{angle:g} degrees is outside {low:g} to {high:g}")
        return pair

    return check


Pair = tuple[float, float]
_BOTH = BeforeValidator(_pair)
Shoulders = Annotated[Pair, _BOTH, AfterValidator(_within(-60, 180))]
Elbows = Annotated[Pair, _BOTH, AfterValidator(_within(0, 150))]
Wrists = Annotated[Pair, _BOTH, AfterValidator(_within(-80, 90))]
Hips = Annotated[Pair, _BOTH, AfterValidator(_within(-30, 140))]
Knees = Annotated[Pair, _BOTH, AfterValidator(_within(0, 155))]
Ankles = Annotated[Pair, _BOTH, AfterValidator(_within(-40, 80))]
Turns = Annotated[Pair, _BOTH, AfterValidator(_within(0, 90))]


class View(StrEnum):
    side = "side"
    front = "front"


class Rest(StrEnum):
    """What carries the figure: the floor (its lowest part), a seat prop, or the water."""

    floor = "floor"
    seat = "seat"
    water = "water"


class PropKind(StrEnum):
    mat = "mat"
    chair = "chair"
    roller = "roller"
    ball = "ball"
    towel = "towel"
    wall = "wall"
    water = "water"
    bike = "bike"
    pillow = "pillow"
    table = "table"


SEATS = frozenset({PropKind.chair, PropKind.bike, PropKind.roller, PropKind.pillow})

POINTS = ("pelvis", "back", "shoulders", "head")
LIMB_POINTS = ("elbow", "wrist", "hand", "knee", "heel", "toe")
SEGMENTS = ("thigh", "shin", "foot", "forearm", "upper_arm")
GROUPS = {
    "feet": ("heel", "toe"),
    "forearms": ("elbow", "wrist"),
    "hands": ("hand",),
    "elbows": ("elbow",),
    "knees": ("knee",),
    "heels": ("heel",),
    "toes": ("toe",),
    "thighs": ("thigh",),
    "shins": ("shin",),
}
"""Names for both sides at once: ``knees`` is ``near_knee`` and ``far_knee``."""
PARTS = frozenset(
    {
        *POINTS,
        "trunk",
        *(f"{side}_{name}" for side in SIDES for name in (*LIMB_POINTS, *SEGMENTS)),
        *(f"{side}_{group}" for side in SIDES for group in ("foot", "forearm")),
        *GROUPS,
    }
)
Part = Annotated[str, Field(pattern=r"^[a-z_]+$")]


class Surface(StrEnum):
    """What a part of the body rests on or touches."""

    floor = "floor"
    chair = "chair"
    roller = "roller"
    ball = "ball"
    wall = "wall"
    water = "water"
    saddle = "saddle"
    handlebar = "handlebar"
    pedal = "pedal"
    pillow = "pillow"
    person = "person"


class Touch(Frozen):
    """Parts of the body that rest on one surface; the tests check each one by geometry."""

    on: Surface
    parts: tuple[Part, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _known_parts(self) -> Touch:
        unknown = sorted(set(self.parts) - PARTS)
        if unknown:
            raise ValueError(f"unknown body parts {unknown}")
        return self


def _touches(value: Any) -> Any:
    """``{floor: [back, feet]}`` in the file becomes a tuple of Touch."""
    if isinstance(value, dict):
        return tuple({"on": on, "parts": parts} for on, parts in value.items())
    return value


class Prop(Frozen):
    """A prop, placed in the picture's frame: the floor is y = 0, the figure's anchor x = 0."""

    kind: PropKind
    x: float = Field(default=0, ge=-120, le=120)
    y: float = Field(default=0, ge=0, le=120)
    flip: bool = Field(default=False, description="A chair facing left, its back on the right.")
    front: bool = Field(default=False, description="A chair seen from the front.")
    ends: tuple[Part, Part] | None = Field(default=None, description="A towel's two ends.")

    @model_validator(mode="after")
    def _towel_has_ends(self) -> Prop:
        if (self.kind == PropKind.towel) != (self.ends is not None):
            raise ValueError("a towel, and only a towel, names the two parts it runs between")
        if self.ends is not None and not set(self.ends) <= PARTS:
            raise ValueError(f"towel ends {self.ends} are not body parts")
        if self.front and (self.kind != PropKind.chair or self.flip):
            raise ValueError("only a chair is drawn from the front, and then it faces the viewer")
        return self


class Body(Frozen):
    """One figure: joint angles, where it rests, and what it touches."""

    view: View = View.side
    trunk: float = Field(ge=-180, le=180, description="Lean from upright; forward is positive.")
    spine: float = Field(default=0, ge=-40, le=60, description="Rounding +, arching -.")
    neck: float = Field(default=0, ge=-60, le=70, description="Chin towards chest is positive.")
    shoulder: Shoulders = (0.0, 0.0)
    elbow: Elbows = (0.0, 0.0)
    wrist: Wrists = (0.0, 0.0)
    hip: Hips = (0.0, 0.0)
    knee: Knees = (0.0, 0.0)
    ankle: Ankles = (0.0, 0.0)
    hip_turn: Turns = Field(default=(0.0, 0.0), description="A lower leg turned out of the plane.")
    shoulder_turn: Turns = Field(default=(0.0, 0.0), description="A forearm turned likewise.")
    hip_flex: Turns = Field(
        default=(0.0, 0.0), description="Seen from the front, a thigh coming towards the viewer."
    )
    legs_roll: float = Field(default=0, ge=0, le=90, description="Both knees fallen to a side.")
    chest_turn: float = Field(
        default=0, ge=0, le=60, description="Seen from the front, the shoulders turned aside."
    )
    faces_left: bool = Field(default=False, description="Drawn facing left (a partner).")
    rest: Rest = Rest.floor
    x: float = Field(default=0, ge=-120, le=120, description="Where the pelvis is drawn.")
    touch: Annotated[tuple[Touch, ...], BeforeValidator(_touches)] = Field(min_length=1)

    @model_validator(mode="after")
    def _front_view_limits(self) -> Body:
        # Seen from the front a hip only moves out to the side, and not far.
        if self.view == View.front and not all(-20 <= angle <= 60 for angle in self.hip):
            raise ValueError("in a front view the hip angle is abduction, -20 to 60 degrees")
        # From the side a thigh coming forward is the hip angle itself.
        if self.view == View.side and (any(self.hip_flex) or self.chest_turn):
            raise ValueError("hip_flex and chest_turn are seen from the front only")
        return self


class Pose(Body):
    """A start or end position: the figure, its props, a partner, and words for a reader."""

    description: Annotated[str, Field(min_length=20, max_length=400)]
    props: tuple[Prop, ...] = ()
    partner: Body | None = None

    @model_validator(mode="after")
    def _seat_exists(self) -> Pose:
        if self.rest == Rest.seat and not any(p.kind in SEATS for p in self.props):
            raise ValueError("a figure resting on a seat needs a chair, bike, roller or pillow")
        if self.rest == Rest.water and not any(p.kind == PropKind.water for p in self.props):
            raise ValueError("a figure resting in the water needs a water line")
        if any(p.front for p in self.props) and self.view != View.front:
            raise ValueError("a chair seen from the front goes with a figure seen from the front")
        return self


class EntryPoses(Frozen):
    """The start and end positions of one catalog entry."""

    start: Pose
    end: Pose


Which = Literal["start", "end"]

"""Which parts of a figure touch what: the geometry behind every pose's ``touch`` list.

A pose says what carries it (back on the mat, feet on the floor, pelvis on the chair). The
renderer only sets the lowest part on the floor, so a wrong joint angle leaves a foot in the
air or a knee in the floor; ``mismatches`` finds each one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from backcare.pictures.body import HEAD, LIMB_WIDTH, Figure, Point
from backcare.pictures.pose import GROUPS, SIDES, Body, Prop, PropKind, Surface
from backcare.pictures.scene import (
    BALL_RADIUS,
    CRANK_RADIUS,
    PILLOW_HEIGHT,
    PILLOW_WIDTH,
    ROLLER_RADIUS,
    SEAT_HEIGHT,
    Scene,
    bike_at,
    seat_span,
)

TOLERANCE = 2.5
"""Half a limb's width: closer than this reads as touching, further as a gap."""
SAMPLES = 8
Segment = tuple[Point, Point]
LIMB_PARTS = {"elbow": 1, "wrist": 2, "hand": 3, "knee": 1, "heel": 2, "toe": 3}
LIMB_SEGMENTS = {"upper_arm": 0, "forearm": 1, "thigh": 0, "shin": 1, "foot": 2}
ARM_NAMES = frozenset({"elbow", "wrist", "hand", "upper_arm", "forearm"})


def expand(part: str) -> tuple[str, ...]:
    """A part name as the single parts that must each touch: ``back`` is pelvis and shoulders."""
    if part == "back":
        return ("pelvis", "shoulders")
    if part in GROUPS:
        return tuple(f"{side}_{name}" for side in SIDES for name in GROUPS[part])
    return (part,)


def _limb_geometry(figure: Figure, part: str) -> tuple[list[Segment], float]:
    side, name = part.split("_", 1)
    index = SIDES.index(side)
    limb = (figure.arms if name in ARM_NAMES else figure.legs)[index]
    points = limb.points()
    if name in LIMB_PARTS:
        point = points[LIMB_PARTS[name]]
        return [(point, point)], LIMB_WIDTH / 2
    start = LIMB_SEGMENTS[name]
    return [(points[start], points[start + 1])], LIMB_WIDTH / 2


def geometry(figure: Figure, part: str) -> tuple[list[Segment], float]:
    """The segments (a point is a segment of no length) and half-width of one single part."""
    radius = figure.trunk_radius
    if part == "head":
        return [(figure.head, figure.head)], HEAD
    if part in ("pelvis", "shoulders"):
        point = figure.pelvis if part == "pelvis" else figure.shoulders
        return [(point, point)], radius
    if part == "trunk":
        return [(figure.pelvis, figure.back), (figure.back, figure.shoulders)], radius
    return _limb_geometry(figure, part)


def part_points(figure: Figure, part: str) -> list[Point]:
    """The points of a part (the first is where a towel is held or looped)."""
    segments, _ = geometry(figure, part)
    return [segments[0][0], *(end for _, end in segments)]


def _along(segment: Segment) -> list[Point]:
    (ax, ay), (bx, by) = segment
    return [
        Point(ax + (bx - ax) * n / SAMPLES, ay + (by - ay) * n / SAMPLES)
        for n in range(SAMPLES + 1)
    ]


def _to_segment(point: Point, segment: Segment) -> float:
    return min(math.dist(point, p) for p in _along(segment))


def _surface_distance(
    point: Point, surface: Surface, props: tuple[Prop, ...], person: Figure | None
) -> float:
    """How far ``point`` is from the nearest ``surface`` in the scene (inf when there is none)."""
    gaps = [_gap(point, surface, prop) for prop in props]
    if surface == Surface.floor:
        gaps.append(point.y)
    if surface == Surface.person and person is not None:
        trunk, radius = geometry(person, "trunk")
        gaps.append(min(_to_segment(point, s) for s in trunk) - radius)
    return min((g for g in gaps if g is not None), default=math.inf)


def _gap(point: Point, surface: Surface, prop: Prop) -> float | None:
    kind = prop.kind
    if surface == Surface.chair and kind == PropKind.chair:
        low, high = seat_span(prop)
        return _to_segment(point, (Point(low, SEAT_HEIGHT), Point(high, SEAT_HEIGHT)))
    if surface == Surface.roller and kind == PropKind.roller:
        return math.dist(point, (prop.x, ROLLER_RADIUS)) - ROLLER_RADIUS
    if surface == Surface.ball and kind == PropKind.ball:
        return math.dist(point, (prop.x, prop.y)) - BALL_RADIUS
    if surface == Surface.wall and kind == PropKind.wall:
        return abs(point.x - prop.x)
    if surface == Surface.water and kind == PropKind.water:
        return abs(point.y - prop.y)
    if surface == Surface.pillow and kind == PropKind.pillow:
        top = prop.y + PILLOW_HEIGHT
        half = PILLOW_WIDTH / 2
        return _to_segment(point, (Point(prop.x - half, top), Point(prop.x + half, top)))
    if kind == PropKind.bike:
        return _bike_gap(point, surface, prop)
    return None


def _bike_gap(point: Point, surface: Surface, prop: Prop) -> float | None:
    bike = bike_at(prop.x)
    if surface == Surface.saddle:
        saddle = (bike.saddle.shifted(-5, 0), bike.saddle.shifted(5, 0))
        return _to_segment(point, saddle)
    if surface == Surface.handlebar:
        return math.dist(point, bike.bar)
    if surface == Surface.pedal:
        return abs(math.dist(point, bike.crank) - CRANK_RADIUS)
    return None


@dataclass(frozen=True, slots=True)
class Gap:
    """How far one declared contact is from its surface: + in the air, - sunk in."""

    figure: str
    part: str
    surface: Surface
    gap: float

    def __str__(self) -> str:
        return f"{self.figure}'s {self.part} is {self.gap:+.1f} from the {self.surface.value}"


def _gaps(
    name: str, figure: Figure, body: Body, props: tuple[Prop, ...], person: Figure | None
) -> list[Gap]:
    found: list[Gap] = []
    for touch in body.touch:
        for part in (single for name_ in touch.parts for single in expand(name_)):
            segments, radius = geometry(figure, part)
            distance = min(
                _surface_distance(p, touch.on, props, person) for s in segments for p in _along(s)
            )
            # In water a part only has to be at the surface, not resting on it.
            gap = max(distance - radius, 0.0) if touch.on == Surface.water else distance - radius
            found.append(Gap(name, part, touch.on, gap))
    return found


def contact_gaps(built: Scene) -> list[Gap]:
    """Every declared contact of the figure and its partner, with its gap."""
    found = _gaps("figure", built.figure, built.pose, built.props, None)
    if built.partner is not None and built.pose.partner is not None:
        found.extend(_gaps("partner", built.partner, built.pose.partner, built.props, built.figure))
    return found


def mismatches(built: Scene) -> list[str]:
    """Every declared contact that the drawn figure (or its partner) does not make."""
    return [str(gap) for gap in contact_gaps(built) if abs(gap.gap) > TOLERANCE]

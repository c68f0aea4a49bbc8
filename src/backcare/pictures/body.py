"""The one body model every picture uses, and forward kinematics from a pose's joint angles.

Lengths are in units of about 1 % of standing height (the figure stands 100 tall), in the
proportions of an average adult. Angles are measured clockwise from straight up, with y up;
the SVG writer turns the picture right way up.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from backcare.pictures.pose import Body, View

THIGH, SHIN, FOOT, FOOT_HEIGHT = 24.0, 25.0, 10.0, 3.0
UPPER_ARM, FOREARM, HAND = 17.0, 15.0, 7.0
HALF_TRUNK, NECK, HEAD = 15.0, 4.0, 7.0
"""The trunk is drawn as two halves so the back can round or arch; HEAD is the radius."""
LIMB_WIDTH = 5.0
TRUNK_WIDTH = {View.side: 10.0, View.front: 16.0}
"""Seen from the front the trunk is as wide as the shoulders; from the side, as deep as it is."""
HIP_HALF, SHOULDER_HALF = 4.0, 7.0
"""How far each hip and shoulder sits from the middle, seen from the front."""


class Point(NamedTuple):
    x: float
    y: float

    def plus(self, length: float, degrees: float) -> Point:
        """The point ``length`` away in direction ``degrees`` (clockwise from up)."""
        rad = math.radians(degrees)
        return Point(self.x + length * math.sin(rad), self.y + length * math.cos(rad))

    def shifted(self, dx: float, dy: float) -> Point:
        return Point(self.x + dx, self.y + dy)


@dataclass(frozen=True, slots=True)
class Limb:
    """An arm (shoulder, elbow, wrist, fingertips) or a leg (hip, knee, heel, toes)."""

    root: Point
    joint: Point
    end: Point
    tip: Point

    def points(self) -> tuple[Point, Point, Point, Point]:
        return (self.root, self.joint, self.end, self.tip)

    def map(self, move: Callable[[Point], Point]) -> Limb:
        root, joint, end, tip = (move(p) for p in self.points())
        return Limb(root, joint, end, tip)


@dataclass(frozen=True, slots=True)
class Figure:
    """A posed figure: trunk, head and the near and far arms and legs."""

    view: View
    pelvis: Point
    back: Point
    shoulders: Point
    head: Point
    arms: tuple[Limb, Limb]
    legs: tuple[Limb, Limb]

    @property
    def trunk_radius(self) -> float:
        return TRUNK_WIDTH[self.view] / 2

    def map(self, move: Callable[[Point], Point]) -> Figure:
        """The same figure with every point moved by ``move``."""
        near_arm, far_arm = (arm.map(move) for arm in self.arms)
        near_leg, far_leg = (leg.map(move) for leg in self.legs)
        pelvis, back, shoulders, head = (
            move(p) for p in (self.pelvis, self.back, self.shoulders, self.head)
        )
        return Figure(
            self.view, pelvis, back, shoulders, head, (near_arm, far_arm), (near_leg, far_leg)
        )

    def shifted(self, dx: float, dy: float) -> Figure:
        """The same figure moved by (dx, dy)."""
        return self.map(lambda point: point.shifted(dx, dy))

    def mirrored(self) -> Figure:
        """The same figure facing the other way, about the pelvis."""
        px = self.pelvis.x
        return self.map(lambda point: Point(2 * px - point.x, point.y))

    def outline(self) -> Iterator[tuple[Point, float]]:
        """Every drawn point with the half-width of what is drawn there."""
        yield self.head, HEAD
        for point in (self.pelvis, self.back, self.shoulders):
            yield point, self.trunk_radius
        for limb in (*self.arms, *self.legs):
            for point in limb.points()[1:]:
                yield point, LIMB_WIDTH / 2


def _project(point: Point, start: Point, end: Point, degrees: float) -> Point:
    """``point`` turned ``degrees`` about the line start-end, seen flat (out of the picture)."""
    ax, ay = end.x - start.x, end.y - start.y
    norm = math.hypot(ax, ay) or 1.0
    ux, uy = ax / norm, ay / norm
    px, py = point.x - start.x, point.y - start.y
    along = px * ux + py * uy
    across = (px * -uy + py * ux) * math.cos(math.radians(degrees))
    return Point(start.x + along * ux - across * uy, start.y + along * uy + across * ux)


def _mirror(view: View, side: int) -> float:
    """+1 for the near side, -1 for the far side in a front view; side views share one plane."""
    return -1.0 if view == View.front and side == 1 else 1.0


def _leg(body: Body, side: int, hip_point: Point, pelvis_angle: float) -> Limb:
    sign = _mirror(body.view, side)
    thigh = pelvis_angle + 180 - sign * body.hip[side]
    knee = hip_point.plus(THIGH, thigh)
    if body.hip_flex[side]:
        # Sitting seen from the front: the thigh comes towards the viewer, about the hips' line.
        knee = _project(knee, hip_point, hip_point.plus(1, pelvis_angle + 90), body.hip_flex[side])
    shin = thigh + sign * body.knee[side]
    heel = knee.plus(SHIN, shin)
    if body.view == View.front:
        # Seen from the front the foot points at the viewer: only its height shows.
        toe = heel.plus(FOOT_HEIGHT, shin)
    else:
        toe = heel.plus(FOOT, shin - 90 + body.ankle[side])
    if body.hip_turn[side]:
        heel, toe = (_project(p, hip_point, knee, body.hip_turn[side]) for p in (heel, toe))
    return Limb(hip_point, knee, heel, toe)


def _arm(body: Body, side: int, shoulder_point: Point, chest_angle: float) -> Limb:
    sign = _mirror(body.view, side)
    upper = chest_angle + 180 - sign * body.shoulder[side]
    elbow = shoulder_point.plus(UPPER_ARM, upper)
    # Seen from the side the forearm bends forward; from the front it bends in towards the body.
    fore = upper - body.elbow[side] if body.view == View.side else upper + sign * body.elbow[side]
    wrist = elbow.plus(FOREARM, fore)
    hand = wrist.plus(HAND, fore - sign * body.wrist[side])
    if body.shoulder_turn[side]:
        wrist, hand = (
            _project(p, shoulder_point, elbow, body.shoulder_turn[side]) for p in (wrist, hand)
        )
    return Limb(shoulder_point, elbow, wrist, hand)


def _rolled(leg: Limb, axis_end: Point, degrees: float) -> Limb:
    """Both knees fallen to one side: the leg turned about the trunk's long axis."""
    joint, end, tip = (_project(p, leg.root, axis_end, degrees) for p in leg.points()[1:])
    return Limb(leg.root, joint, end, tip)


def pose_figure(body: Body) -> Figure:
    """The figure for ``body``'s joint angles, with the pelvis at (0, 0)."""
    pelvis = Point(0.0, 0.0)
    lower, upper = body.trunk - body.spine / 2, body.trunk + body.spine / 2
    back = pelvis.plus(HALF_TRUNK, lower)
    shoulders = back.plus(HALF_TRUNK, upper)
    head = shoulders.plus(NECK + HEAD, upper + body.neck)
    front = body.view == View.front
    legs, arms = [], []
    for side in (0, 1):
        sign = _mirror(body.view, side)
        hip_point = pelvis.plus(HIP_HALF * sign, lower + 90) if front else pelvis
        leg = _leg(body, side, hip_point, lower)
        legs.append(_rolled(leg, back, body.legs_roll) if body.legs_roll else leg)
        # Shoulders turned to one side look closer together.
        half = SHOULDER_HALF * math.cos(math.radians(body.chest_turn))
        shoulder_point = shoulders.plus(half * sign, upper + 90) if front else shoulders
        arms.append(_arm(body, side, shoulder_point, upper))
    figure = Figure(
        body.view, pelvis, back, shoulders, head, (arms[0], arms[1]), (legs[0], legs[1])
    )
    return figure.mirrored() if body.faces_left else figure


def segment_lengths(figure: Figure) -> tuple[float, ...]:
    """The drawn length of every straight segment, limb by limb (for consistency checks)."""
    lengths: list[float] = []
    for limb in (*figure.arms, *figure.legs):
        points = limb.points()
        lengths.extend(math.dist(a, b) for a, b in itertools.pairwise(points))
    return tuple(lengths)

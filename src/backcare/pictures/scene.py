"""A pose placed in its picture: the figure set on the floor or its seat, props, a partner.

The frame: the floor is y = 0 and the pelvis is at the pose's ``x``. Props are simple shapes
whose sizes come from one set of constants, in the figure's units (it stands 100 tall).
"""

from __future__ import annotations

from dataclasses import dataclass

from backcare.pictures.body import Figure, Point, pose_figure
from backcare.pictures.pose import SEATS, Body, Pose, Prop, PropKind, Rest

SEAT_HEIGHT, SEAT_DEPTH, CHAIR_BACK = 26.0, 22.0, 28.0
SEAT_WIDTH = 26.0
"""A chair seen from the front is a little wider than it is deep."""
TABLE_HEIGHT, TABLE_DEPTH = 42.0, 36.0
ROLLER_RADIUS, BALL_RADIUS = 8.0, 3.5
PILLOW_WIDTH, PILLOW_HEIGHT = 18.0, 6.0
WALL_HEIGHT = 112.0
SADDLE_HEIGHT = 52.0
"""A bicycle's saddle top; the rest of the bicycle is laid out from the saddle."""
WHEEL_RADIUS, CRANK_RADIUS = 16.0, 8.0
MAT_MARGIN = 6.0
MAT_REACH = 12.0
"""Parts of the figure this close to the floor are lying on the mat."""


@dataclass(frozen=True, slots=True)
class Bike:
    """A bicycle laid out from its saddle: wheels, crank, frame and handlebar."""

    saddle: Point
    rear: Point
    front: Point
    crank: Point
    head: Point
    bar: Point


def bike_at(x: float) -> Bike:
    """The bicycle whose saddle top is at ``x``."""
    saddle = Point(x, SADDLE_HEIGHT)
    return Bike(
        saddle=saddle,
        rear=Point(x - 22, WHEEL_RADIUS),
        front=Point(x + 38, WHEEL_RADIUS),
        crank=Point(x + 6, WHEEL_RADIUS),
        head=Point(x + 31, SADDLE_HEIGHT - 6),
        bar=Point(x + 28, SADDLE_HEIGHT + 6),
    )


def seat_top(prop: Prop) -> float:
    """The height a pelvis resting on ``prop`` sits on."""
    if prop.kind == PropKind.chair:
        return SEAT_HEIGHT
    if prop.kind == PropKind.bike:
        return SADDLE_HEIGHT
    if prop.kind == PropKind.roller:
        return 2 * ROLLER_RADIUS
    return prop.y + PILLOW_HEIGHT


def seat_span(prop: Prop) -> tuple[float, float]:
    """The x range of a chair's seat (its front edge is the prop's x; seen from the front, its
    middle)."""
    if prop.front:
        return prop.x - SEAT_WIDTH / 2, prop.x + SEAT_WIDTH / 2
    return (prop.x, prop.x + SEAT_DEPTH) if prop.flip else (prop.x - SEAT_DEPTH, prop.x)


def place(body: Body, props: tuple[Prop, ...]) -> Figure:
    """The figure of ``body`` set down in the frame: on the floor, its seat, or in the water."""
    figure = pose_figure(body)
    if body.rest == Rest.seat:
        seat = next(p for p in props if p.kind in SEATS)
        dy = seat_top(seat) + figure.trunk_radius - figure.pelvis.y
    elif body.rest == Rest.water:
        water = next(p for p in props if p.kind == PropKind.water)
        dy = water.y - figure.pelvis.y
    else:
        dy = -min(point.y - radius for point, radius in figure.outline())
    return figure.shifted(body.x - figure.pelvis.x, dy)


@dataclass(frozen=True, slots=True)
class Scene:
    """Everything in one picture: the figure, a partner if any, and the props."""

    pose: Pose
    figure: Figure
    partner: Figure | None

    @property
    def props(self) -> tuple[Prop, ...]:
        return self.pose.props

    def figures(self) -> tuple[Figure, ...]:
        return (self.figure,) if self.partner is None else (self.figure, self.partner)

    def mat_span(self) -> tuple[float, float] | None:
        """Where a mat lies: under every part of the figures that is down near the floor."""
        if not any(p.kind == PropKind.mat for p in self.props):
            return None
        low = [
            point.x
            for figure in self.figures()
            for point, radius in figure.outline()
            if point.y - radius < MAT_REACH
        ]
        xs = low or [self.figure.pelvis.x]
        return min(xs) - MAT_MARGIN, max(xs) + MAT_MARGIN


def scene(pose: Pose) -> Scene:
    """The pose laid out: the main figure, its partner, all in the same frame."""
    partner = None if pose.partner is None else place(pose.partner, pose.props)
    return Scene(pose, place(pose, pose.props), partner)

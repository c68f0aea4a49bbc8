"""A scene as SVG: one line style, drawn in ``currentColor`` so it suits light, dark and print.

The output is deterministic (coordinates rounded to a tenth) and small: every picture is a
few paths. Widths and shades are attributes, so a picture looks the same in a page, in a PDF
or on its own; the page's stylesheet may tint the partner through the ``pose-partner`` class.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from html import escape

from backcare.pictures.body import HEAD, LIMB_WIDTH, Figure, Limb, Point
from backcare.pictures.pose import Pose, Prop, PropKind, View
from backcare.pictures.scene import (
    BALL_RADIUS,
    CHAIR_BACK,
    CRANK_RADIUS,
    PILLOW_HEIGHT,
    PILLOW_WIDTH,
    ROLLER_RADIUS,
    SADDLE_HEIGHT,
    SEAT_HEIGHT,
    TABLE_DEPTH,
    TABLE_HEIGHT,
    WALL_HEIGHT,
    WHEEL_RADIUS,
    Scene,
    bike_at,
    scene,
    seat_span,
)
from backcare.pictures.touch import part_points

WIDTH, HEIGHT, FLOOR = 160, 134, 128
"""Every picture has the same frame, so the figure is the same size in all of them; a pose that
needs less height shows only the lower part of it."""
MARGIN = 4
FAR = ".4"
PROP = ".55"
WAVE = 10


def _n(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


class Frame:
    """Maps the scene's frame (y up, floor at 0) to the picture's (y down), centred."""

    def __init__(self, centre_x: float) -> None:
        self.dx = WIDTH / 2 - centre_x

    def xy(self, point: Point) -> str:
        return f"{_n(point.x + self.dx)} {_n(FLOOR - point.y)}"

    def x(self, value: float) -> str:
        return _n(value + self.dx)

    def y(self, value: float) -> str:
        return _n(FLOOR - value)


def _limbs(frame: Frame, limbs: Iterable[Limb]) -> str:
    return "".join(
        f"M{frame.xy(limb.root)}L{frame.xy(limb.joint)} {frame.xy(limb.end)} {frame.xy(limb.tip)}"
        for limb in limbs
    )


def _figure(frame: Frame, figure: Figure) -> str:
    """Far arm and leg behind the body, then the trunk, the head, the near arm and leg."""
    near, far = (figure.arms[0], figure.legs[0]), (figure.arms[1], figure.legs[1])
    width = _n(LIMB_WIDTH)
    trunk = f"M{frame.xy(figure.pelvis)}Q{frame.xy(figure.back)} {frame.xy(figure.shoulders)}"
    near_path, far_path = _limbs(frame, near), _limbs(frame, far)
    # Seen from the front both sides are in full view, so neither is faded; from the side a
    # far arm and leg exactly behind the near ones would not show, so they are not drawn.
    far_shade = "" if figure.view == View.front else f' opacity="{FAR}"'
    behind = (
        "" if far_path == near_path else f'<path d="{far_path}" stroke-width="{width}"{far_shade}/>'
    )
    return (
        f"{behind}"
        f'<path d="{trunk}" stroke-width="{_n(figure.trunk_radius * 2)}"/>'
        f'<circle cx="{frame.x(figure.head.x)}" cy="{frame.y(figure.head.y)}" r="{_n(HEAD)}"'
        ' fill="currentColor" stroke="none"/>'
        f'<path d="{near_path}" stroke-width="{width}"/>'
    )


def _chair(frame: Frame, prop: Prop) -> str:
    rear, front = seat_span(prop)
    if prop.flip:
        rear, front = front, rear
    top = SEAT_HEIGHT + CHAIR_BACK
    if prop.front:
        # Seen from the front: the legs and seat, and the backrest behind the sitter.
        left, right, seat = frame.x(rear), frame.x(front), frame.y(SEAT_HEIGHT)
        return (
            f'<path d="M{left} {frame.y(0)}V{seat}H{right}V{frame.y(0)}'
            f'M{left} {seat}V{frame.y(top)}H{right}V{seat}" stroke-width="2.5"/>'
        )
    return (
        f'<path d="M{frame.x(front)} {frame.y(0)}V{frame.y(SEAT_HEIGHT)}H{frame.x(rear)}'
        f'M{frame.x(rear)} {frame.y(0)}V{frame.y(top)}" stroke-width="2.5"/>'
    )


def _bike(frame: Frame, prop: Prop) -> str:
    bike = bike_at(prop.x)
    wheels = "".join(
        f'<circle cx="{frame.x(c.x)}" cy="{frame.y(c.y)}" r="{_n(WHEEL_RADIUS)}"/>'
        for c in (bike.rear, bike.front)
    )
    below = bike.saddle.shifted(0, -3)
    frame_path = (
        f"M{frame.xy(bike.rear)}L{frame.xy(bike.crank)} {frame.xy(below)} {frame.xy(bike.rear)}"
        f"M{frame.xy(below)}L{frame.xy(bike.head)} {frame.xy(bike.crank)}"
        f"M{frame.xy(bike.front)}L{frame.xy(bike.head)} {frame.xy(bike.bar)}"
        f"M{frame.xy(bike.saddle.shifted(-5, 0))}h10"
    )
    crank = (
        f'<circle cx="{frame.x(bike.crank.x)}" cy="{frame.y(bike.crank.y)}" r="{CRANK_RADIUS:g}"/>'
    )
    return f'{wheels}{crank}<path d="{frame_path}" stroke-width="2.5"/>'


def _table(frame: Frame, prop: Prop) -> str:
    near, far = prop.x, prop.x + TABLE_DEPTH
    top = frame.y(TABLE_HEIGHT)
    return (
        f'<path d="M{frame.x(near)} {top}H{frame.x(far)}" stroke-width="3"/>'
        f'<path d="M{frame.x(near + 3)} {top}V{frame.y(0)}M{frame.x(far - 3)} {top}V{frame.y(0)}"'
        ' stroke-width="2"/>'
    )


def _water(frame: Frame, prop: Prop) -> str:
    waves = "".join(f"q{WAVE / 4:g} -2 {WAVE / 2:g} 0t{WAVE / 2:g} 0" for _ in range(WIDTH // WAVE))
    top = frame.y(prop.y)
    return (
        f'<path d="M0 {top}{waves}V{FLOOR}H0Z" stroke-width="1.5" fill="currentColor"'
        ' fill-opacity=".12"/>'
    )


def _prop(frame: Frame, prop: Prop, built: Scene) -> str:
    kind = prop.kind
    if kind == PropKind.chair:
        return _chair(frame, prop)
    if kind == PropKind.bike:
        return _bike(frame, prop)
    if kind == PropKind.water:
        return _water(frame, prop)
    if kind == PropKind.table:
        return _table(frame, prop)
    if kind == PropKind.wall:
        return (
            f'<path d="M{frame.x(prop.x)} {frame.y(0)}V{frame.y(WALL_HEIGHT)}" stroke-width="3"/>'
        )
    if kind == PropKind.roller:
        return (
            f'<circle cx="{frame.x(prop.x)}" cy="{frame.y(ROLLER_RADIUS)}" r="{ROLLER_RADIUS:g}"'
            ' stroke-width="2" fill="currentColor" fill-opacity=".2"/>'
        )
    if kind == PropKind.ball:
        return (
            f'<circle cx="{frame.x(prop.x)}" cy="{frame.y(prop.y)}" r="{BALL_RADIUS:g}"'
            ' fill="currentColor" stroke="none"/>'
        )
    if kind == PropKind.pillow:
        return (
            f'<rect x="{frame.x(prop.x - PILLOW_WIDTH / 2)}" y="{frame.y(prop.y + PILLOW_HEIGHT)}"'
            f' width="{PILLOW_WIDTH:g}" height="{PILLOW_HEIGHT:g}" rx="3" stroke-width="2"/>'
        )
    if kind == PropKind.towel and prop.ends is not None:
        start, end = (part_points(built.figure, part)[0] for part in prop.ends)
        return f'<path d="M{frame.xy(start)}L{frame.xy(end)}" stroke-width="2"/>'
    return ""  # the mat is drawn with the floor


def _centre(built: Scene) -> float:
    xs = [p.x for figure in built.figures() for p, _ in figure.outline()]
    for prop in built.props:
        if prop.kind in (PropKind.chair, PropKind.roller, PropKind.wall, PropKind.bike):
            xs.append(prop.x)
        if prop.kind == PropKind.table:
            xs.extend((prop.x, prop.x + TABLE_DEPTH))
    return (min(xs) + max(xs)) / 2


def _floor(frame: Frame, built: Scene) -> str:
    floor = f'<path d="M0 {FLOOR}H{WIDTH}" stroke-width="1.5"/>'
    span = built.mat_span()
    if span is None:
        return floor
    low, high = span
    mat = f'<path d="M{frame.x(low)} {FLOOR + 1.5:g}H{frame.x(high)}" stroke-width="3"/>'
    return floor + mat


STYLE = (
    ' xmlns="http://www.w3.org/2000/svg" fill="none" stroke="currentColor"'
    ' stroke-linecap="round" stroke-linejoin="round"'
)
"""What a picture on its own needs; inline in a page the stylesheet's ``.pose`` rule says it."""


def headroom(pose: Pose) -> int:
    """How much of the frame above the floor the pose needs: lying down needs far less."""
    built = scene(pose)
    tops = [p.y + r for figure in built.figures() for p, r in figure.outline()]
    tops.extend(_prop_top(prop) for prop in pose.props)
    return min(math.ceil(max(tops) + MARGIN), FLOOR)


def _prop_top(prop: Prop) -> float:
    tops = {
        PropKind.wall: WALL_HEIGHT,
        PropKind.chair: SEAT_HEIGHT + CHAIR_BACK,
        PropKind.bike: SADDLE_HEIGHT + 6,
        PropKind.roller: 2 * ROLLER_RADIUS,
        PropKind.ball: prop.y + BALL_RADIUS,
        PropKind.pillow: prop.y + PILLOW_HEIGHT,
        PropKind.water: prop.y + 2,
        PropKind.table: TABLE_HEIGHT,
    }
    return tops.get(prop.kind, 0.0)


def render(pose: Pose, title: str, *, top: int = FLOOR, standalone: bool = False) -> str:
    """The pose as an SVG image with ``title`` and the pose's description for screen readers.

    ``top`` is how much of the frame above the floor to show (``headroom``; a pair of pictures
    shares the larger), so the figure is the same size in every picture. Inline in a page (the
    default) the picture leaves its line style to the ``.pose`` rule of the stylesheet, which
    saves about 130 bytes a picture; ``standalone`` writes it out.
    """
    built = scene(pose)
    frame = Frame(_centre(built))
    props = "".join(_prop(frame, prop, built) for prop in pose.props)
    # The partner kneels or stands beyond the person (drawn first, so behind them), never on them.
    partner = ""
    if built.partner is not None:
        partner = f'<g class="pose-partner" opacity=".7">{_figure(frame, built.partner)}</g>'
    style = STYLE if standalone else ""
    return (
        f'<svg viewBox="0 {FLOOR - top} {WIDTH} {top + HEIGHT - FLOOR}" role="img" class="pose"'
        f"{style}>"
        f"<title>{escape(title)}</title><desc>{escape(pose.description)}</desc>"
        f'<g opacity="{PROP}">{_floor(frame, built)}{props}</g>'
        f"{partner}{_figure(frame, built.figure)}</svg>"
    )

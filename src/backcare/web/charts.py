"""Charts as inline SVG, drawn on the server: one path for the web pages and the PDF report.

Each chart has a title and a description for screen readers, fixed scales (so weeks compare
at a glance), and draws nothing it was not given: a week without readings is a gap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

WIDTH, HEIGHT = 480, 260
LEFT, RIGHT, TOP, BOTTOM = 40, 12, 16, 40
FONT = 15
"""Large enough to read when a phone shrinks the chart to about two thirds."""
LINE, BAND, GRID, TEXT, REFERENCE = "#0b5cad", "#dcefe1", "#d0d4d9", "#1f2328", "#5b6470"
MAX_X_LABELS = 5


@dataclass(frozen=True, slots=True)
class Point:
    label: str
    value: float | None


@dataclass(frozen=True, slots=True)
class Band:
    low: float
    high: float
    label: str


@dataclass(frozen=True, slots=True)
class Scale:
    low: float
    high: float
    ticks: tuple[float, ...]
    percent: bool = False

    def y(self, value: float) -> float:
        share = (min(max(value, self.low), self.high) - self.low) / (self.high - self.low)
        return TOP + (1 - share) * (HEIGHT - TOP - BOTTOM)

    def text(self, value: float) -> str:
        return f"{value * 100:.0f}%" if self.percent else f"{value:g}"


PAIN_SCALE = Scale(0, 10, (0, 2, 4, 6, 8, 10))
SHARE_SCALE = Scale(0, 1, (0, 0.25, 0.5, 0.75, 1), percent=True)


def _x(index: int, count: int) -> float:
    """The centre of the ``index``-th of ``count`` equal slots across the plot."""
    return LEFT + (WIDTH - LEFT - RIGHT) * (index + 0.5) / max(count, 1)


def _empty(points: Sequence[Point]) -> list[str]:
    """A plain note instead of an empty plot."""
    if any(point.value is not None for point in points):
        return []
    return [
        f'<text x="{(LEFT + WIDTH - RIGHT) / 2}" y="{HEIGHT / 2}" text-anchor="middle" '
        f'font-size="{FONT}" fill="{TEXT}">No answers yet</text>'
    ]


def _frame(chart_id: str, title: str, description: str, body: list[str]) -> Markup:
    head = (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")


def _axes(scale: Scale, points: Sequence[Point]) -> list[str]:
    out = []
    for tick in scale.ticks:
        y = scale.y(tick)
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{LEFT - 6}" y="{y + 5:.1f}" text-anchor="end" font-size="{FONT}" '
            f'fill="{TEXT}">{scale.text(tick)}</text>'
        )
    every = max(1, -(-len(points) // MAX_X_LABELS))
    for index, point in enumerate(points):
        if index % every == 0:
            x = _x(index, len(points))
            out.append(
                f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" '
                f'font-size="{FONT}" fill="{TEXT}">{escape(point.label)}</text>'
            )
    return out


def _band(scale: Scale, band: Band) -> list[str]:
    top, bottom = scale.y(band.high), scale.y(band.low)
    return [
        f'<rect x="{LEFT}" y="{top:.1f}" width="{WIDTH - LEFT - RIGHT}" '
        f'height="{bottom - top:.1f}" fill="{BAND}"/>'
        f'<text x="{WIDTH - RIGHT - 6}" y="{top + 14:.1f}" text-anchor="end" font-size="{FONT}" '
        f'fill="{TEXT}">{escape(band.label)}</text>'
    ]


def _reference(scale: Scale, value: float, label: str) -> list[str]:
    y = scale.y(value)
    return [
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="{REFERENCE}" '
        f'stroke-dasharray="6 4" stroke-width="1.5"/>'
        f'<text x="{LEFT + 6}" y="{y - 6:.1f}" font-size="{FONT}" fill="{TEXT}">'
        f"{escape(label)}</text>"
    ]


def _runs(points: Sequence[Point], scale: Scale) -> list[list[tuple[float, float]]]:
    """Consecutive points with values; a missing value breaks the line."""
    runs: list[list[tuple[float, float]]] = [[]]
    for index, point in enumerate(points):
        if point.value is None:
            runs.append([])
        else:
            runs[-1].append((_x(index, len(points)), scale.y(point.value)))
    return [run for run in runs if run]


def line_chart(
    chart_id: str,
    *,
    title: str,
    description: str,
    points: Sequence[Point],
    scale: Scale = PAIN_SCALE,
    band: Band | None = None,
    reference: tuple[float, str] | None = None,
) -> Markup:
    """A line over time with dots, an optional shaded band and an optional dashed reference."""
    body = _band(scale, band) if band else []
    body += _axes(scale, points) + _empty(points)
    if reference is not None:
        body += _reference(scale, *reference)
    for run in _runs(points, scale):
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
        body.append(f'<polyline points="{path}" fill="none" stroke="{LINE}" stroke-width="3"/>')
        body += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{LINE}"/>' for x, y in run]
    return _frame(chart_id, title, description, body)


def bar_chart(
    chart_id: str,
    *,
    title: str,
    description: str,
    points: Sequence[Point],
    scale: Scale = SHARE_SCALE,
) -> Markup:
    """Bars over time on a fixed scale; a missing value draws no bar."""
    body = _axes(scale, points) + _empty(points)
    slot = (WIDTH - LEFT - RIGHT) / max(len(points), 1)
    width = min(slot * 0.6, 48)
    for index, point in enumerate(points):
        if point.value is None:
            continue
        x, top = _x(index, len(points)) - width / 2, scale.y(point.value)
        height = scale.y(scale.low) - top
        body.append(
            f'<rect x="{x:.1f}" y="{top:.1f}" width="{width:.1f}" height="{height:.1f}" '
            f'fill="{LINE}"/>'
        )
    return _frame(chart_id, title, description, body)

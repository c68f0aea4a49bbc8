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
FONT = 15
"""Large enough to read when a phone shrinks the chart to about two thirds."""
CHAR = 0.62 * FONT
"""The widest a character of the labels' sans-serif font draws (digits and % are narrower)."""
LEFT, RIGHT, TOP, BOTTOM = round(len("100%") * CHAR + 14), 12, 16, 40
"""The left margin holds the longest tick label ("100%") with room to spare."""
LEGEND = 26
"""Height of the legend row under the x labels, when a chart has one."""
LINE, BAND, GRID, TEXT, REFERENCE = "#0b5cad", "#dcefe1", "#d0d4d9", "#1f2328", "#5b6470"
FLARE, CHANGE = "#b3261e", "#6b4fa0"
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


@dataclass(frozen=True, slots=True)
class Marker:
    """An event in one slot of a chart: a flare-up, or a change of plan."""

    index: int
    kind: str
    """``flare`` or ``change`` (MARKS)."""


MARKS = {"flare": "Flare-up", "change": "Plan changed"}


def _empty(points: Sequence[Point], note: str = "No answers yet") -> list[str]:
    """A plain note instead of an empty plot."""
    if any(point.value is not None for point in points):
        return []
    return [
        f'<text class="t" x="{(LEFT + WIDTH - RIGHT) / 2}" y="{(HEIGHT - BOTTOM + TOP) / 2}" '
        f'text-anchor="middle" font-size="{FONT}" fill="{TEXT}">{escape(note)}</text>'
    ]


def _frame(
    chart_id: str, title: str, description: str, body: list[str], height: int = HEIGHT
) -> Markup:
    head = (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
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
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID}"/>'
            f'<text class="t" x="{LEFT - 6}" y="{y + 5:.1f}" text-anchor="end" font-size="{FONT}" '
            f'fill="{TEXT}">{scale.text(tick)}</text>'
        )
    every = max(1, -(-len(points) // MAX_X_LABELS))
    for index, point in enumerate(points):
        if index % every == 0:
            x = _x(index, len(points))
            out.append(
                f'<text class="t" x="{x:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" '
                f'font-size="{FONT}" fill="{TEXT}">{escape(point.label)}</text>'
            )
    return out


def _band(scale: Scale, band: Band) -> list[str]:
    top, bottom = scale.y(band.high), scale.y(band.low)
    return [
        f'<rect class="band" x="{LEFT}" y="{top:.1f}" width="{WIDTH - LEFT - RIGHT}" '
        f'height="{bottom - top:.1f}" fill="{BAND}"/>'
    ]


def _reference(scale: Scale, value: float) -> list[str]:
    """The dashed line; its words are in the legend, so they never sit on the data line."""
    y = scale.y(value)
    return [
        f'<line class="ref" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
        f'stroke="{REFERENCE}" stroke-dasharray="6 4" stroke-width="1.5"/>'
    ]


def _marker(marker: Marker, count: int) -> str:
    """A flare-up as a small triangle at the top of its week; a plan change as a dotted rule."""
    x = _x(marker.index, count)
    if marker.kind == "flare":
        return f'<path class="flare" d="M{x - 6:.1f} {TOP}h12l-6 10z" fill="{FLARE}"/>'
    return (
        f'<line class="change" x1="{x:.1f}" x2="{x:.1f}" y1="{TOP}" y2="{HEIGHT - BOTTOM}" '
        f'stroke="{CHANGE}" stroke-width="2" stroke-dasharray="2 3"/>'
    )


def _symbol(kind: str, x: float, y: float) -> str:
    """The legend's small drawing of a reference line, band, flare-up or plan change."""
    if kind == "ref":
        return (
            f'<line class="ref" x1="{x:.1f}" x2="{x + 22:.1f}" y1="{y - 5}" y2="{y - 5}" '
            f'stroke="{REFERENCE}" stroke-dasharray="6 4" stroke-width="1.5"/>'
        )
    if kind == "band":
        return f'<rect class="band" x="{x:.1f}" y="{y - 12}" width="22" height="14" fill="{BAND}"/>'
    if kind == "flare":
        return f'<path class="flare" d="M{x + 5:.1f} {y - 10}h12l-6 10z" fill="{FLARE}"/>'
    return (
        f'<line class="change" x1="{x + 11:.1f}" x2="{x + 11:.1f}" y1="{y - 12}" y2="{y + 2}" '
        f'stroke="{CHANGE}" stroke-width="2" stroke-dasharray="2 3"/>'
    )


def _legend(entries: Sequence[tuple[str, str]]) -> tuple[list[str], int]:
    """Rows under the x labels, each entry's symbol and words; and the height they take.

    Legends sit outside the plot, so no label is ever drawn over the data line.
    """
    out, x, row = [], 8.0, 0
    for kind, words in entries:
        width = 28 + len(words) * (FONT - 2) * 0.62 + 14
        if x > 8 and x + width > WIDTH:
            x, row = 8.0, row + 1
        y = HEIGHT + LEGEND * (row + 1) - 8
        out.append(_symbol(kind, x, y))
        out.append(
            f'<text class="t" x="{x + 28:.1f}" y="{y}" font-size="{FONT - 2}" fill="{TEXT}">'
            f"{escape(words)}</text>"
        )
        x += width
    return out, LEGEND * (row + 1)


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
    markers: Sequence[Marker] = (),
) -> Markup:
    """A line over time with dots, an optional shaded band, an optional dashed reference and
    markers of events; the reference and the markers are named in a legend under the chart."""
    body = _band(scale, band) if band else []
    body += _axes(scale, points) + _empty(points)
    legend: list[tuple[str, str]] = [("band", band.label)] if band else []
    if reference is not None:
        body += _reference(scale, reference[0])
        legend.append(("ref", reference[1]))
    body += [_marker(marker, len(points)) for marker in markers]
    for kind in MARKS:
        if any(marker.kind == kind for marker in markers):
            legend.append((kind, MARKS[kind]))
    for run in _runs(points, scale):
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
        body.append(
            f'<polyline class="line" points="{path}" fill="none" stroke="{LINE}" stroke-width="3"/>'
        )
        body += [
            f'<circle class="dot" cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{LINE}"/>' for x, y in run
        ]
    if not legend:
        return _frame(chart_id, title, description, body)
    drawn, height = _legend(legend)
    return _frame(chart_id, title, description, body + drawn, HEIGHT + height)


def bar_chart(
    chart_id: str,
    *,
    title: str,
    description: str,
    points: Sequence[Point],
    scale: Scale = SHARE_SCALE,
    empty: str = "No answers yet",
) -> Markup:
    """Bars over time on a fixed scale; a missing value draws no bar."""
    body = _axes(scale, points) + _empty(points, empty)
    slot = (WIDTH - LEFT - RIGHT) / max(len(points), 1)
    width = min(slot * 0.6, 48)
    for index, point in enumerate(points):
        if point.value is None:
            continue
        x, top = _x(index, len(points)) - width / 2, scale.y(point.value)
        height = scale.y(scale.low) - top
        body.append(
            f'<rect class="bar" x="{x:.1f}" y="{top:.1f}" width="{width:.1f}" '
            f'height="{height:.1f}" fill="{LINE}"/>'
        )
    return _frame(chart_id, title, description, body)

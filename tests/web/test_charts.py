"""Server-drawn SVG charts: labelled for screen readers, gaps for missing weeks, fixed scales."""

from __future__ import annotations

import pytest

from backcare.web.charts import PAIN_SCALE, SHARE_SCALE, Band, Point, bar_chart, line_chart
from backcare.web.progress_view import change_band


def test_line_chart_is_labelled_for_screen_readers() -> None:
    svg = line_chart("pain", title="Pain", description="Weekly pain", points=[Point("1 May", 3)])
    assert 'role="img"' in svg
    assert 'aria-labelledby="pain-title pain-desc"' in svg
    assert '<title id="pain-title">Pain</title>' in svg


def test_a_missing_week_breaks_the_line() -> None:
    points = [Point("a", 5), Point("b", 4), Point("c", None), Point("d", 3), Point("e", 2)]
    svg = line_chart("p", title="t", description="d", points=points)
    assert svg.count("<polyline") == 2
    assert svg.count("<circle") == 4


def test_band_and_reference_are_drawn() -> None:
    svg = line_chart(
        "p",
        title="t",
        description="d",
        points=[Point("a", 5)],
        band=Band(4, 8, "no clear change"),
        reference=(6, "At the start: 6"),
    )
    assert "no clear change" in svg
    assert "stroke-dasharray" in svg


def test_text_is_escaped() -> None:
    svg = line_chart("p", title="<b>", description="a & b", points=[Point("<x>", 1)])
    assert "<b>" not in svg
    assert "&lt;x&gt;" in svg


def test_bar_chart_draws_one_bar_per_known_value() -> None:
    points = [Point("a", 0.5), Point("b", None), Point("c", 1.0)]
    svg = bar_chart("a", title="t", description="d", points=points, scale=SHARE_SCALE)
    assert svg.count("<rect") == 2
    assert "100%" in svg


def test_values_outside_the_scale_are_clamped() -> None:
    assert PAIN_SCALE.y(15) == PAIN_SCALE.y(10)
    assert PAIN_SCALE.y(-3) == PAIN_SCALE.y(0)


@pytest.mark.parametrize(
    ("baseline", "low", "high"), [(6, 4.2, 8.0), (10, 8.0, 10.0), (2, 1.4, 4.0), (0, 0.0, 2.0)]
)
def test_change_band_is_two_points_or_thirty_percent(
    baseline: int, low: float, high: float
) -> None:
    band = change_band(baseline, 2.0, 0.3)
    assert (round(band.low, 2), band.high) == (low, high)

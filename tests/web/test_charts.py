"""Server-drawn SVG charts: labelled for screen readers, gaps for missing weeks, fixed scales."""

from __future__ import annotations

import re

import pytest

from backcare.web.charts import (
    BOTTOM,
    CHAR,
    HEIGHT,
    LEFT,
    PAIN_SCALE,
    SHARE_SCALE,
    WIDTH,
    Band,
    Marker,
    Point,
    Scale,
    bar_chart,
    line_chart,
)
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


@pytest.mark.parametrize("scale", [PAIN_SCALE, SHARE_SCALE])
def test_every_tick_label_fits_left_of_the_plot_so_100_percent_is_never_clipped(
    scale: Scale,
) -> None:
    for tick in scale.ticks:
        label = scale.text(tick)
        # Right-aligned 6 px left of the plot: its left edge must stay inside the picture.
        assert LEFT - 6 - len(label) * CHAR >= 0, label
    svg = bar_chart("a", title="t", description="d", points=[Point("a", 1.0)], scale=SHARE_SCALE)
    assert ">100%</text>" in svg


def _texts(svg: str) -> dict[str, float]:
    """Each text's words and its baseline y."""
    return {
        words: float(y)
        for y, words in re.findall(r'<text[^>]* y="([0-9.]+)"[^>]*>([^<]*)</text>', svg)
    }


def test_the_start_and_band_labels_sit_in_the_legend_below_the_plot_not_on_the_line() -> None:
    svg = line_chart(
        "p",
        title="t",
        description="d",
        points=[Point("a", 6), Point("b", 6)],
        band=Band(4, 8, "no clear change"),
        reference=(6, "At the start: 6"),
    )
    texts = _texts(svg)
    assert texts["At the start: 6"] > HEIGHT - BOTTOM + 18  # below the x labels
    assert texts["no clear change"] > HEIGHT - BOTTOM + 18
    assert f'viewBox="0 0 {WIDTH} ' in svg


def test_flare_ups_and_plan_changes_are_marked_with_a_legend() -> None:
    points = [Point("a", 5), Point("b", 6), Point("c", 4)]
    markers = [Marker(1, "flare"), Marker(2, "change")]
    svg = line_chart("p", title="t", description="d", points=points, markers=markers)
    assert svg.count('class="flare"') == 2  # the marker and its legend symbol
    assert svg.count('class="change"') == 2
    assert "Flare-up</text>" in svg
    assert "Plan changed</text>" in svg
    plain = line_chart("p", title="t", description="d", points=points)
    assert "Flare-up" not in plain
    assert 'class="flare"' not in plain


def test_a_wide_legend_wraps_to_a_second_row_inside_the_picture() -> None:
    svg = line_chart(
        "p",
        title="t",
        description="d",
        points=[Point("a", 5)],
        band=Band(4, 8, "no clear change"),
        reference=(6, "At the start: 6"),
        markers=[Marker(0, "flare"), Marker(0, "change")],
    )
    height = float(re.search(r'viewBox="0 0 \d+ (\d+)"', svg).group(1))  # type: ignore[union-attr]
    assert max(_texts(svg).values()) < height
    assert len({y for w, y in _texts(svg).items() if w in ("Flare-up", "Plan changed")}) >= 1
    for x, words in re.findall(r'<text[^>]* x="([0-9.]+)"[^>]*>([^<]*)</text>', svg):
        if words in ("Flare-up", "Plan changed", "At the start: 6", "no clear change"):
            assert float(x) + len(words) * 13 * 0.62 <= WIDTH, words


def test_an_empty_bar_chart_says_what_is_missing() -> None:
    svg = bar_chart("a", title="t", description="d", points=[Point("a", None)], empty="No plan")
    assert "No plan</text>" in svg

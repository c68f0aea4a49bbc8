"""Dark mode: every colour pair the stylesheet uses reaches WCAG AA, charts and pictures included;
emergency numbers are links a phone can call."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import backcare.web
from backcare.web.charts import Marker, Point, bar_chart, line_chart
from backcare.web.wording import tel_links

CSS = (Path(backcare.web.__file__).parent / "static" / "backcare.css").read_text(encoding="utf-8")
TEXT_PAIRS = [
    ("text", "bg"),
    ("text", "panel"),
    ("text", "surface"),
    ("text", "today"),
    ("text", "notice-bg"),
    ("text", "warning-bg"),
    ("muted", "bg"),
    ("muted", "panel"),
    ("muted", "surface"),
    ("primary", "bg"),
    ("primary", "panel"),
    ("primary", "surface"),
    ("danger", "bg"),
    ("danger", "surface"),
    ("urgent", "bg"),
    ("on-primary", "primary"),
    ("on-primary", "primary-dark"),
    ("on-primary", "danger"),
    ("on-primary", "urgent"),
    ("bg", "text"),
]
"""Text on a ground: 4.5:1 (WCAG 1.4.3)."""
GRAPHIC_PAIRS = [("primary", "bg"), ("danger", "bg"), ("change", "bg"), ("muted", "bg")]
"""Chart lines, markers and picture strokes on the page: 3:1 (WCAG 1.4.11)."""


def _variables(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})", block))


def palettes() -> dict[str, dict[str, str]]:
    light = _variables(CSS[CSS.index(":root {") : CSS.index("}", CSS.index(":root {"))])
    dark_at = CSS.index("prefers-color-scheme: dark")
    dark_root = CSS.index(":root {", dark_at)
    dark = {**light, **_variables(CSS[dark_root : CSS.index("}", dark_root)])}
    return {"light": light, "dark": dark}


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_every_text_pair_reaches_aa(mode: str) -> None:
    colours = palettes()[mode]
    for fg, bg in TEXT_PAIRS:
        ratio = contrast(colours[fg], colours[bg])
        assert ratio >= 4.5, f"{mode}: {fg} on {bg} is {ratio:.2f}:1"
    for fg, bg in GRAPHIC_PAIRS:
        ratio = contrast(colours[fg], colours[bg])
        assert ratio >= 3, f"{mode}: {fg} on {bg} is {ratio:.2f}:1"


def test_dark_mode_changes_the_ground_and_leaves_no_white_behind() -> None:
    dark = palettes()["dark"]
    assert _luminance(dark["bg"]) < 0.05 < _luminance(dark["text"])
    # Outside the palettes, no rule names white or black itself: each follows the mode.
    rules = re.sub(r":root \{[^}]*\}", "", CSS)
    assert re.findall(r"#fff\b|#ffffff\b|#000\b", rules, flags=re.IGNORECASE) == []


def test_every_drawn_part_of_a_chart_has_a_class_the_dark_palette_colours() -> None:
    svg = str(
        line_chart(
            "p",
            title="t",
            description="d",
            points=[Point("a", 5), Point("b", 4)],
            reference=(6, "start"),
            markers=[Marker(0, "flare"), Marker(1, "change")],
        )
    ) + str(bar_chart("b", title="t", description="d", points=[Point("a", 0.5)]))
    drawn = re.findall(r"<(text|line|polyline|circle|rect|path)\b([^>]*)>", svg)
    assert drawn
    dark = CSS[CSS.index("prefers-color-scheme: dark") :]
    for tag, attributes in drawn:
        found = re.search(r'class="([a-z]+)"', attributes)
        assert found, f"<{tag}> without a class"
        assert f".chart .{found.group(1)}" in dark, found.group(1)


def test_pictures_draw_in_the_text_colour() -> None:
    assert "stroke: currentColor" in CSS[CSS.index(".pose {") :]


def test_emergency_numbers_become_tel_links_and_other_numbers_do_not() -> None:
    text = "Call 999 (UK), 112 or 911; NHS 111. Hold 30 s; 1999, 9111 and 111.5 stay."
    html = str(tel_links(text))
    assert html.count('<a class="tel"') == 4
    for number in ("999", "112", "911", "111"):
        assert f'<a class="tel" href="tel:{number}">{number}</a>' in html
    for other in ("1999", "9111", "111.5"):
        assert other in html
    assert "&lt;b&gt;" in str(tel_links("<b>999</b>"))  # the text is escaped first


def test_the_urgent_help_page_and_footer_link_the_numbers(anonymous: TestClient) -> None:
    page = anonymous.get("/urgent-help")
    assert page.status_code == 200
    assert 'href="tel:999"' in page.text
    assert 'href="tel:111"' in page.text
    footer = page.text[page.text.index('<footer class="site-footer">') :]
    assert 'href="tel:112"' in footer

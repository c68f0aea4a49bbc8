"""The app's PNG icons, drawn from ``static/favicon.svg`` itself when first asked for.

Phones want PNG icons of set sizes to install a web app; the one picture Backcare has is the
favicon, so its shapes (a rounded square and a stroked path of cubic curves) are read from
the SVG and drawn with Pillow, four times larger and scaled down to smooth the edges. Only
the SVG features the favicon uses are read; anything else fails loudly.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw

FAVICON = Path(__file__).parent / "static" / "favicon.svg"
SIZES = (192, 512)
_SVG = "{http://www.w3.org/2000/svg}"
_OVERSAMPLE = 4
_STEPS = 24
_TOKEN = re.compile(r"[A-Za-z]|-?\d*\.?\d+")
Point = tuple[float, float]


def _cubic(p0: Point, p1: Point, p2: Point, p3: Point) -> list[Point]:
    out = []
    for n in range(1, _STEPS + 1):
        t = n / _STEPS
        u = 1 - t
        out.append(
            (
                u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
            )
        )
    return out


def path_points(d: str) -> list[Point]:
    """The points along a path of ``M``, ``c`` and ``s`` commands (what the favicon uses)."""
    tokens = _TOKEN.findall(d)
    points: list[Point] = []
    here: Point = (0.0, 0.0)
    last_control: Point | None = None
    command = ""
    i = 0
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
        numbers = [float(t) for t in tokens[i : i + {"M": 2, "c": 6, "s": 4}[command]]]
        if command == "M":
            here, last_control = (numbers[0], numbers[1]), None
            points.append(here)
            i += 2
            continue
        if command == "c":
            c1 = (here[0] + numbers[0], here[1] + numbers[1])
            c2 = (here[0] + numbers[2], here[1] + numbers[3])
            end = (here[0] + numbers[4], here[1] + numbers[5])
            i += 6
        elif command == "s":
            c1 = (
                here
                if last_control is None
                else (2 * here[0] - last_control[0], 2 * here[1] - last_control[1])
            )
            c2 = (here[0] + numbers[0], here[1] + numbers[1])
            end = (here[0] + numbers[2], here[1] + numbers[3])
            i += 4
        else:
            raise ValueError(f"favicon.svg: path command {command!r} is not drawn here")
        points += _cubic(here, c1, c2, end)
        here, last_control = end, c2
    return points


@cache
def icon_png(size: int) -> bytes:
    """The favicon as a ``size``-pixel square PNG."""
    root = ET.fromstring(FAVICON.read_text(encoding="utf-8"))
    box = float(root.attrib["viewBox"].split()[2])
    scale = size * _OVERSAMPLE / box
    image = Image.new("RGBA", (size * _OVERSAMPLE,) * 2, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    for element in root:
        if element.tag == f"{_SVG}rect":
            width = float(element.attrib["width"]) * scale
            radius = float(element.attrib.get("rx", "0")) * scale
            draw.rounded_rectangle(
                (0, 0, width - 1, width - 1), radius, fill=element.attrib["fill"]
            )
        elif element.tag == f"{_SVG}path":
            points = [(x * scale, y * scale) for x, y in path_points(element.attrib["d"])]
            stroke = float(element.attrib["stroke-width"]) * scale
            colour = element.attrib["stroke"]
            draw.line(points, fill=colour, width=round(stroke), joint="curve")
            # A disc at every point fills the seams between segments and rounds the ends
            # (stroke-linecap="round").
            r = stroke / 2
            for x, y in points:
                draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
        else:
            raise ValueError(f"favicon.svg: element {element.tag!r} is not drawn here")
    out = io.BytesIO()
    image.resize((size, size), Image.Resampling.LANCZOS).save(out, format="PNG", optimize=True)
    return out.getvalue()

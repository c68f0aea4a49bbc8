"""Write a contact sheet of every pose picture, to look at them all at once.

    uv run python scripts/pose_sheet.py /tmp/poses.html [--dark]
    chromium --headless --no-sandbox --disable-gpu --window-size=1400,9000 \
        --screenshot=/tmp/poses.png file:///tmp/poses.html

Each catalog entry is a row: its title, the start and end pictures, their descriptions, and
in red any contact the figure does not make (a foot in the air, a knee in the floor).
"""

from __future__ import annotations

import sys
from html import escape
from pathlib import Path

from backcare.engine import default_knowledge
from backcare.pictures.scene import scene
from backcare.pictures.svg import render
from backcare.pictures.touch import mismatches

STYLE = """
body { font: 13px sans-serif; margin: 12px; color: #1f2328; background: #fff; }
body.dark { color: #e6e6e6; background: #15181c; }
.row { display: grid; grid-template-columns: 170px 260px 260px 1fr; gap: 8px;
       border-bottom: 1px solid #999; padding: 4px 0; align-items: center; }
svg { width: 260px; height: auto; border: 1px solid #ccc; }
.pose-partner { color: #0b5cad; }
.bad { color: #c00; font-weight: bold; }
"""


def row(entry_id: str, title: str, start: str, end: str, notes: list[str]) -> str:
    """One entry's row of the sheet."""
    bad = "".join(f'<div class="bad">{escape(line)}</div>' for line in notes)
    return (
        f'<div class="row"><div><b>{escape(entry_id)}</b><br>{escape(title)}</div>'
        f"<div>{start}</div><div>{end}</div><div>{bad}</div></div>"
    )


def main(out: Path, dark: bool) -> int:
    """Write the sheet to ``out``; the exit status counts the missed contacts."""
    knowledge = default_knowledge()
    rows: list[str] = []
    missed = 0
    for entry_id, poses in knowledge.poses.items():
        title = knowledge.catalog[entry_id].title
        notes = [
            f"{which}: {line}"
            for which, pose in (("start", poses.start), ("end", poses.end))
            for line in mismatches(scene(pose))
        ]
        missed += len(notes)
        start = render(poses.start, f"Start: {title}", standalone=True)
        end = render(poses.end, f"End: {title}", standalone=True)
        rows.append(row(entry_id, title, start, end, notes))
    body_class = ' class="dark"' if dark else ""
    out.write_text(
        f"<!doctype html><meta charset=utf-8><style>{STYLE}</style>"
        f"<body{body_class}>{''.join(rows)}</body>",
        encoding="utf-8",
    )
    print(f"{len(rows)} entries, {missed} missed contacts, written to {out}")
    return min(missed, 1)


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), "--dark" in sys.argv[2:]))

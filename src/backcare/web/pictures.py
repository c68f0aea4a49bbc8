"""Each pictured entry's start and end pictures as inline SVG for the pages, drawn once."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from backcare.knowledge.loader import Knowledge
from backcare.pictures.svg import headroom, render


@dataclass(frozen=True, slots=True)
class PicturePair:
    """An entry's start and end pictures, each with its title and description inside."""

    start: Markup
    end: Markup


class Pictures:
    """The pictures of one loaded knowledge, drawn the first time a page asks for each entry.

    Drawing all of them takes about 40 ms, so the app does not pay it at start-up (every test
    builds an app); an entry once drawn is kept for the life of the process. Two requests that
    draw the same entry at once store the same text, so no lock is needed.
    """

    def __init__(self, knowledge: Knowledge) -> None:
        self._knowledge = knowledge
        self._drawn: dict[str, PicturePair] = {}

    def of(self, entry_id: str) -> PicturePair | None:
        """The entry's pictures, or None for an entry without poses (advice, referrals)."""
        drawn = self._drawn.get(entry_id)
        if drawn is not None:
            return drawn
        poses = self._knowledge.poses.get(entry_id)
        if poses is None:
            return None
        title = self._knowledge.catalog[entry_id].title
        top = max(headroom(poses.start), headroom(poses.end))
        # Safe markup: render escapes the title and description; the rest is numbers it wrote.
        pair = PicturePair(
            start=Markup(render(poses.start, f"Start position: {title}", top=top)),
            end=Markup(render(poses.end, f"End position: {title}", top=top)),
        )
        self._drawn[entry_id] = pair
        return pair

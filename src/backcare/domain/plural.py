"""Counts in words: "1 day", "2 days". One helper for the command line, the pages and the plan."""

from __future__ import annotations


def plural(count: int, singular: str, many: str | None = None) -> str:
    """The count and the right form of the word: "1 day", "2 days", "1 check-in".

    ``many`` is for words that do not just take an "s" ("1 person", "2 people").
    """
    return f"{count} {singular if count == 1 else many or singular + 's'}"

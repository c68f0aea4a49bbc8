"""How often one calendar feed may be fetched: calendar apps ask every few hours at most.

Counted in this process per feed secret (hashed), in one-minute windows. A feed fetched faster
than any calendar app would (a script, a leaked address) gets 429 for the rest of the minute.
The table of counters is bounded: past ``max_keys`` it starts afresh, so unknown secrets sent
in bulk cannot grow it without end.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

PER_MINUTE = 20
MAX_KEYS = 10_000
WINDOW_SECONDS = 60.0


class FetchLimiter:
    """At most ``per_minute`` fetches of each key in each minute."""

    def __init__(
        self,
        *,
        per_minute: int = PER_MINUTE,
        max_keys: int = MAX_KEYS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._per_minute = per_minute
        self._max_keys = max_keys
        self._clock = clock
        self._counts: dict[str, tuple[float, int]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Count one fetch of ``key``; False when it is over the limit this minute."""
        now = self._clock()
        with self._lock:
            started, count = self._counts.get(key, (now, 0))
            if now - started >= WINDOW_SECONDS:
                started, count = now, 0
            if key not in self._counts and len(self._counts) >= self._max_keys:
                self._counts.clear()
            self._counts[key] = (started, count + 1)
            return count < self._per_minute

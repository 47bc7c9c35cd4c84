"""Per-person flood control: over `limit` messages a minute gets one "please slow down", then silence until
the minute has passed. Kept in memory only, under the person's keyed hash."""

from __future__ import annotations

import time
from collections import deque
from enum import Enum

WINDOW_SECONDS = 60.0


class Verdict(Enum):
    ANSWER = "answer"
    WARN = "warn"  # the first message over the limit: say "please slow down" once
    IGNORE = "ignore"


class FloodGate:
    def __init__(self, limit: int = 20, window: float = WINDOW_SECONDS) -> None:
        self.limit = limit
        self.window = window
        self._seen: dict[str, deque[float]] = {}
        self._warned: dict[str, float] = {}

    def check(self, key: str, now: float | None = None) -> Verdict:
        now = time.monotonic() if now is None else now
        times = self._seen.setdefault(key, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        if self.limit <= 0 or len(times) < self.limit:
            times.append(now)
            self._warned.pop(key, None)
            return Verdict.ANSWER
        if key in self._warned and now - self._warned[key] < self.window:
            return Verdict.IGNORE
        self._warned[key] = now
        return Verdict.WARN

    def forget_idle(self, now: float | None = None) -> None:
        """Drop people who have been quiet for a whole window (keeps memory flat)."""
        now = time.monotonic() if now is None else now
        for key in [k for k, t in self._seen.items() if not t or now - t[-1] >= self.window]:
            self._seen.pop(key, None)
            self._warned.pop(key, None)

"""Per-person flood control: over `limit` updates a minute (messages, commands, button presses, inline queries)
gets one "please slow down", then silence until the minute has passed.

Two gates with one interface (`await gate.verdict(key)`): `FloodGate` in this process, with bounded memory; and
`RedisFloodGate`, shared by every replica of the bot through Redis (REDIS_URL), which falls back to its own
in-process gate while Redis cannot be reached, so the bot never waits on it. Keys are the person's keyed hash.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from redis.asyncio import Redis

log = logging.getLogger(__name__)
WINDOW_SECONDS = 60.0
MAX_PEOPLE = 20_000  # people tracked at once in one process; the longest quiet are dropped first


class Verdict(Enum):
    ANSWER = "answer"
    WARN = "warn"  # the first update over the limit: say "please slow down" once
    IGNORE = "ignore"


class FloodGuard(Protocol):
    async def verdict(self, key: str) -> Verdict: ...


@dataclass
class _Person:
    times: deque[float] = field(default_factory=deque)
    warned: float | None = None


class FloodGate:
    """In this process. Memory stays bounded: people quiet for a whole window are dropped as others arrive, and
    at most `max_people` are tracked at once."""

    def __init__(self, limit: int = 20, window: float = WINDOW_SECONDS, max_people: int = MAX_PEOPLE) -> None:
        self.limit = limit
        self.window = window
        self.max_people = max_people
        self._people: OrderedDict[str, _Person] = OrderedDict()  # least recently seen first

    def __len__(self) -> int:
        return len(self._people)

    async def verdict(self, key: str) -> Verdict:
        return self.check(key)

    def check(self, key: str, now: float | None = None) -> Verdict:
        if self.limit <= 0:
            return Verdict.ANSWER
        now = time.monotonic() if now is None else now
        person = self._people.pop(key, None) or _Person()
        self._people[key] = person  # now the most recently seen
        self._drop_quiet(now)
        times = person.times
        while times and now - times[0] >= self.window:
            times.popleft()
        if len(times) < self.limit:
            times.append(now)
            person.warned = None
            return Verdict.ANSWER
        if person.warned is not None and now - person.warned < self.window:
            return Verdict.IGNORE
        person.warned = now
        return Verdict.WARN

    def forget_idle(self, now: float | None = None) -> None:
        """Drop everyone who has been quiet for a whole window."""
        self._drop_quiet(time.monotonic() if now is None else now, keep_last=False)

    def _drop_quiet(self, now: float, keep_last: bool = True) -> None:
        while len(self._people) > (1 if keep_last else 0):
            key, oldest = next(iter(self._people.items()))
            last = max(oldest.times[-1] if oldest.times else float("-inf"), oldest.warned or float("-inf"))
            if now - last < self.window and len(self._people) <= self.max_people:
                break
            del self._people[key]


# The window is counted on Redis's clock (TIME), so replicas with drifting clocks agree.
_SCRIPT = """
local now = redis.call('TIME')
local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ms - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], ms, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  redis.call('DEL', KEYS[2])
  return 0
end
if redis.call('SET', KEYS[2], '1', 'NX', 'PX', window) then
  return 1
end
return 2
"""
_VERDICTS = {0: Verdict.ANSWER, 1: Verdict.WARN, 2: Verdict.IGNORE}


class RedisFloodGate:
    """Shared by all replicas. Each key expires after the window, so Redis memory stays bounded too."""

    def __init__(self, redis: Redis, limit: int = 20, window: float = WINDOW_SECONDS, prefix: str = "iag:flood:"):
        self.redis = redis
        self.limit = limit
        self.window = window
        self.prefix = prefix
        self.fallback = FloodGate(limit, window)
        self._script = redis.register_script(_SCRIPT)
        self._failing = False

    async def verdict(self, key: str) -> Verdict:
        if self.limit <= 0:
            return Verdict.ANSWER
        keys = [f"{self.prefix}{key}", f"{self.prefix}{key}:warned"]
        try:
            found = await self._script(keys=keys, args=[int(self.window * 1000), self.limit, uuid.uuid4().hex])
        except Exception as exc:  # Redis down or slow: count in this process meanwhile
            if not self._failing:
                log.warning("Redis is not reachable (%s): flood limits are counted per replica", type(exc).__name__)
                self._failing = True
            return self.fallback.check(key)
        if self._failing:
            log.info("Redis is reachable again: flood limits are shared")
            self._failing = False
        return _VERDICTS.get(int(found), Verdict.ANSWER)

"""A write-through cache of people's language, role and local area, so most updates need no database round trip.

In this process (`MemoryCache`, bounded), or in Redis (`RedisCache`) when several replicas share one database, so a
choice made through one replica is seen by the others at once. An entry is *complete* when it holds what the
database holds; a *partial* entry holds only choices made while the database could not be read, and those win
when the database row is merged in later.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from redis.asyncio import Redis

log = logging.getLogger(__name__)
Field = Literal["lang", "role", "area"]
FIELDS: tuple[Field, ...] = ("lang", "role", "area")
MAX_ENTRIES = 50_000
REDIS_TTL_SECONDS = 3600


@dataclass(frozen=True)
class Cached:
    lang: str | None
    role: str | None
    complete: bool
    known: frozenset[str] = frozenset(FIELDS)  # for a partial entry: the fields chosen while the database was away
    area: str | None = None

    @property
    def preferences(self) -> tuple[str | None, str | None, str | None]:
        return (self.lang, self.role, self.area)


class PreferenceCache(Protocol):
    async def get(self, key: str) -> Cached | None: ...

    async def fill(self, key: str, lang: str | None, role: str | None, area: str | None = None) -> None:
        """What the database holds; fields chosen meanwhile (a partial entry) are kept, a complete entry stays."""

    async def set_field(self, key: str, field: Field, value: str | None) -> None: ...

    async def drop(self, key: str) -> None: ...


class MemoryCache:
    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[str, dict[str, str | None]] = OrderedDict()  # "complete" marks a full entry

    def __len__(self) -> int:
        return len(self._entries)

    async def get(self, key: str) -> Cached | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        self._entries.move_to_end(key)
        return _cached(entry)

    async def fill(self, key: str, lang: str | None, role: str | None, area: str | None = None) -> None:
        entry = self._entries.get(key)
        if entry is not None and "complete" in entry:
            return
        self._put(key, {"lang": lang, "role": role, "area": area, **(entry or {}), "complete": "1"})

    async def set_field(self, key: str, field: Field, value: str | None) -> None:
        self._put(key, {**self._entries.get(key, {}), field: value})

    async def drop(self, key: str) -> None:
        self._entries.pop(key, None)

    def _put(self, key: str, entry: dict[str, str | None]) -> None:
        self._entries[key] = entry
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)


def _cached(entry: dict[str, str | None]) -> Cached:
    known = frozenset(f for f in FIELDS if f in entry)
    return Cached(entry.get("lang"), entry.get("role"), "complete" in entry, known, entry.get("area"))


# Redis: one hash per person; "" stands for "not chosen". Filling never overwrites a complete entry or a choice.
_FILL = """
if redis.call('HGET', KEYS[1], 'complete') == '1' then return 0 end
if redis.call('HEXISTS', KEYS[1], 'lang') == 0 then redis.call('HSET', KEYS[1], 'lang', ARGV[1]) end
if redis.call('HEXISTS', KEYS[1], 'role') == 0 then redis.call('HSET', KEYS[1], 'role', ARGV[2]) end
if redis.call('HEXISTS', KEYS[1], 'area') == 0 then redis.call('HSET', KEYS[1], 'area', ARGV[4]) end
redis.call('HSET', KEYS[1], 'complete', '1')
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1
"""


class RedisCache:
    """Shared by all replicas. Redis being down never stops an answer: reads miss, writes are skipped (the
    database stays the source of truth, and entries expire after an hour)."""

    def __init__(self, redis: Redis, prefix: str = "iag:pref:", ttl: int = REDIS_TTL_SECONDS) -> None:
        self.redis = redis
        self.prefix = prefix
        self.ttl = ttl
        self._fill = redis.register_script(_FILL)

    async def get(self, key: str) -> Cached | None:
        try:
            raw = await self.redis.hgetall(self.prefix + key)
        except Exception as exc:
            log.debug("preference cache read failed (%s)", type(exc).__name__)
            return None
        if not raw:
            return None
        entry: dict[str, str | None] = {}
        for name, value in raw.items():
            name = name.decode() if isinstance(name, bytes) else str(name)
            value = value.decode() if isinstance(value, bytes) else str(value)
            entry[name] = value or None
        return _cached(entry)

    async def fill(self, key: str, lang: str | None, role: str | None, area: str | None = None) -> None:
        try:
            await self._fill(keys=[self.prefix + key], args=[lang or "", role or "", self.ttl, area or ""])
        except Exception as exc:
            log.debug("preference cache write failed (%s)", type(exc).__name__)

    async def set_field(self, key: str, field: Field, value: str | None) -> None:
        try:
            async with self.redis.pipeline(transaction=True) as pipe:
                pipe.hset(self.prefix + key, field, value or "")
                pipe.expire(self.prefix + key, self.ttl)
                await pipe.execute()
        except Exception as exc:
            log.warning("preference cache write failed (%s)", type(exc).__name__)

    async def drop(self, key: str) -> None:
        try:
            await self.redis.delete(self.prefix + key)
        except Exception as exc:
            log.warning("could not drop a cached preference (%s); it expires within the hour", type(exc).__name__)

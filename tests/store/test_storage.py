"""The bot's side of storage: never waits long, never raises, loses no choice, and writes in batches."""

from __future__ import annotations

import asyncio
import secrets
import time
import uuid
from pathlib import Path

from sqlalchemy import func, select

from bot.effects import CountStat, RecordFeedback, SavePreference
from bot.store import Store, user_key
from bot.store.cache import MemoryCache, RedisCache
from bot.store.models import Stat
from bot.store.storage import Storage
from tests.e2e.faults import sqlite_locked, tarpit


def new_key() -> str:
    return user_key(secrets.token_bytes(32), secrets.randbelow(10**9))


async def test_choices_made_at_once_are_all_kept(store: Store) -> None:
    keys = [new_key() for _ in range(30)]
    await asyncio.gather(
        *(store.save_preference(k, "lang", "pl") for k in keys),
        *(store.save_preference(k, "role", "staff") for k in keys),
        *(store.save_preference(k, "area", "derby") for k in keys),
    )
    assert [await store.preferences(k) for k in keys] == [("pl", "staff", "derby")] * len(keys)


async def test_counts_are_written_in_batches(store: Store) -> None:
    storage = Storage(store)
    async with store.engine.connect() as connection:
        before = await connection.scalar(select(func.count()).select_from(Stat))
    await storage.apply(new_key(), [CountStat("pl", "match", "esol", 0.9)] * 300)
    assert storage.queued == 300  # buffered, not one round trip each
    await storage.flush()
    async with store.engine.connect() as connection:
        assert await connection.scalar(select(func.count()).select_from(Stat)) == before + 300
    assert storage.queued == 0


async def test_the_kind_of_crisis_is_counted(store: Store) -> None:
    storage = Storage(store)
    async with store.engine.connect() as connection:
        before = await connection.scalar(select(func.count()).select_from(Stat).where(Stat.crisis_kind == "medical"))
    await storage.apply(new_key(), [CountStat("pl", "crisis", crisis_kind="medical"), CountStat("pl", "no-match")])
    await storage.flush()
    async with store.engine.connect() as connection:
        after = await connection.scalar(select(func.count()).select_from(Stat).where(Stat.crisis_kind == "medical"))
    assert after == before + 1


async def test_preferences_are_cached_write_through(store: Store) -> None:
    storage = Storage(store)
    key = new_key()
    await storage.remember(key, [SavePreference("lang", "lt")])
    assert await storage.preferences(key) == ("lt", None, None)  # from the cache, before the database is written
    await storage.apply(key, [SavePreference("lang", "lt")])
    assert await store.preferences(key) == ("lt", None, None)
    await storage.remember(key, [SavePreference("area", "derby")])
    assert await storage.preferences(key) == ("lt", None, "derby")
    await storage.apply(key, [SavePreference("area", "derby")])
    assert await store.preferences(key) == ("lt", None, "derby")
    await storage.apply(key, [SavePreference("area", None)])  # "no area"
    assert await store.preferences(key) == ("lt", None, None)


async def test_a_hung_database_costs_about_the_timeout_then_nothing(tmp_path: Path) -> None:
    with tarpit() as port:
        store = Store(f"postgresql+asyncpg://postgres@127.0.0.1:{port}/test", timeout=0.5)
        storage = Storage(store)
        started = time.monotonic()
        assert await storage.preferences(new_key()) is None  # migration fails fast: answered with defaults
        assert await storage.forget(new_key()) is False
        assert time.monotonic() - started < 3.0
        started = time.monotonic()
        for _ in range(20):  # while it rests, no one waits on it
            assert await storage.preferences(new_key()) is None
            await storage.apply(new_key(), [SavePreference("role", "staff"), RecordFeedback("esol", True)])
        assert time.monotonic() - started < 0.5
        assert storage.queued == 41  # 40 writes and the deletion, in order
        await storage.close(wait=0.1)


async def test_writes_wait_for_a_locked_database_in_order_and_a_forget_wins(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    store = Store(f"sqlite+aiosqlite:///{path}", timeout=0.3)
    await store.migrate()
    storage = Storage(store, rest=0.0)  # tried again as soon as asked
    key, other = new_key(), new_key()
    with sqlite_locked(path):
        await storage.apply(key, [SavePreference("lang", "pl")])
        await storage.apply(other, [SavePreference("lang", "cs")])
        assert storage.queued == 2
        assert await storage.forget(key) is False  # said so to the person; done when the database is back
    await storage.flush()
    assert storage.queued == 0
    assert await store.preferences(key) is None  # the queued choice was dropped, the deletion carried out
    assert await store.preferences(other) == ("cs", None, None)
    await storage.close()


async def test_memory_cache_is_bounded_and_keeps_choices_over_older_rows() -> None:
    cache = MemoryCache(max_entries=100)
    for n in range(1_000):
        await cache.fill(f"k{n}", "en", None)
    assert len(cache) == 100
    await cache.set_field("new", "role", "staff")  # chosen while the database could not be read
    await cache.set_field("new", "area", "derby")
    await cache.fill("new", "pl", "migrant", "east-midlands")  # the older row arrives later
    cached = await cache.get("new")
    assert cached is not None and cached.complete and cached.preferences == ("pl", "staff", "derby")


async def test_redis_cache_is_shared_and_keeps_choices_over_older_rows(redis_url: str) -> None:
    from redis.asyncio import Redis

    clients = [Redis.from_url(redis_url), Redis.from_url(redis_url)]
    prefix = f"test:pref:{uuid.uuid4().hex}:"
    try:
        one, two = (RedisCache(c, prefix=prefix) for c in clients)
        await one.set_field("k", "role", "staff")
        partial = await two.get("k")
        assert partial is not None and not partial.complete and partial.role == "staff"
        await two.fill("k", "pl", "migrant", "derby")
        cached = await one.get("k")
        assert cached is not None and cached.complete and cached.preferences == ("pl", "staff", "derby")
        await one.fill("k", "en", None)  # a complete entry is never overwritten by a read
        assert (await two.get("k")) == cached
        await two.drop("k")
        assert await one.get("k") is None
    finally:
        for client in clients:
            await client.aclose()

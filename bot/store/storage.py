"""The bot's side of storage: carries out the conversation's storage effects without ever making a person wait
on the database, and never raises.

- Preferences are read through a write-through cache (bot/store/cache.py); on a miss the database is asked,
  bounded by the store's timeout; when that fails the person is answered with defaults.
- After a failure the database is left alone for `rest` seconds (no one waits on it meanwhile); a background
  task retries, in order, the writes that could not be made, and brings the schema up to date at start-up.
- Anonymous counts are buffered and written in batches, one round trip for many.
- /forget is tried at once (the reply says whether it worked); when it cannot be done now it is queued and done
  as soon as the database is back.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import Counter, deque
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from bot.effects import CountStat, LogUnanswered, RecordFeedback, SavePreference, StorageEffect
from bot.store.cache import MemoryCache, PreferenceCache
from bot.store.repository import GRACE, Preferences, StatRow, Store

log = logging.getLogger(__name__)
FLUSH_EVERY = 1.0  # seconds between background flushes of counts and retries of queued writes
REST_SECONDS = 5.0  # after a failure, how long no one waits on the database
MAX_QUEUED = 10_000  # queued writes and buffered counts kept while the database is down (oldest dropped first)
BATCH = 500


def _finished(task: asyncio.Task[Any]) -> None:
    """A background read is done: its error (already logged by the reader) must not be reported again."""
    if not task.cancelled():
        task.exception()


@dataclass(frozen=True)
class _Write:
    key: str | None  # the person it is about (kept in order per person), None for anonymous rows
    what: str  # for the log
    call: Callable[[], Awaitable[object]]


class Storage:
    def __init__(
        self,
        store: Store,
        cache: PreferenceCache | None = None,
        *,
        keep_unanswered_days: int = 0,
        flush_every: float = FLUSH_EVERY,
        rest: float = REST_SECONDS,
        max_queued: int = MAX_QUEUED,
    ) -> None:
        self.store = store
        self.cache: PreferenceCache = cache if cache is not None else MemoryCache()
        self.keep_unanswered_days = keep_unanswered_days
        self.flush_every = flush_every
        self.rest = rest
        self._queue: deque[_Write] = deque()
        self._queued_keys: Counter[str] = Counter()
        self._stats: deque[StatRow] = deque(maxlen=max_queued)
        self.max_queued = max_queued
        self._down_until = 0.0
        self._task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._writing = asyncio.Lock()
        self._migrated = asyncio.Event()
        self._flushed = asyncio.Condition()
        self._background: set[asyncio.Task[Preferences | None]] = set()
        self.dropped = 0  # writes given up because too many were queued

    # -- life cycle -------------------------------------------------------------------------------------------

    def start(self) -> None:
        """Start the background task: schema migration (retried until it works), then flushes and retries."""
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="storage")

    async def close(self, wait: float = 2.0) -> None:
        """Stop the background task and write what is buffered, for at most `wait` seconds."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        try:
            async with asyncio.timeout(wait):
                if self._background:
                    await asyncio.wait(set(self._background))
                await self.flush()
        except TimeoutError:
            log.warning("could not write %d buffered row(s) before stopping", len(self._stats) + len(self._queue))
        await self.store.close()

    async def _run(self) -> None:
        pause = 0.5
        while not self.store.ready:
            try:
                await self.store.migrate()
            except Exception as exc:
                log.log(
                    logging.WARNING if pause == 0.5 else logging.DEBUG,
                    "the database is not reachable (%s): answering without it, trying again",
                    type(exc).__name__,
                )
                self._failed()
                await asyncio.sleep(pause)
                pause = min(pause * 2, max(self.rest, 0.5))
        self._down_until = 0.0
        self._migrated.set()
        log.info("the database schema is up to date")
        while True:
            await self.flush()
            try:
                async with asyncio.timeout(self.flush_every):
                    await self._wake.wait()
            except TimeoutError:
                pass
            self._wake.clear()

    async def wait_ready(self, timeout: float = 10.0) -> bool:
        """Wait (at most `timeout` seconds) until the schema is up to date; True when it is."""
        if self.store.ready:
            return True
        try:
            async with asyncio.timeout(timeout):
                await self._migrated.wait()
            return True
        except TimeoutError:
            return False

    @property
    def resting(self) -> bool:
        return not self.store.ready or time.monotonic() < self._down_until

    def _failed(self) -> None:
        self._down_until = time.monotonic() + self.rest

    async def _try(self, call: Callable[[], Awaitable[object]], what: str) -> bool:
        try:
            async with asyncio.timeout(self.store.timeout + 2 * GRACE):
                await call()
            return True
        except Exception as exc:
            log.warning("could not %s (%s); will retry", what, type(exc).__name__)
            self._failed()
            return False

    # -- reads ------------------------------------------------------------------------------------------------

    async def preferences(self, key: str) -> Preferences | None:
        """(lang, role, area) as chosen, or None when unknown — never waits long, never raises."""
        cached = await self.cache.get(key)
        if cached is not None and cached.complete:
            return cached.preferences
        if self.resting:
            return cached.preferences if cached is not None else None
        # a person waits at most `timeout` on the database: the read goes on (and cleans up) in the background
        read = asyncio.create_task(self.store.preferences(key))
        self._background.add(read)
        read.add_done_callback(self._background.discard)
        read.add_done_callback(_finished)
        done, _ = await asyncio.wait({read}, timeout=self.store.timeout)
        error = None if not done else read.exception()
        if not done or error is not None:
            log.warning(
                "could not read preferences (%s); answering with defaults", type(error or TimeoutError()).__name__
            )
            self._failed()
            return cached.preferences if cached is not None else None
        row = read.result()
        await self.cache.fill(key, *(row or (None, None, None)))
        merged = await self.cache.get(key)
        if merged is not None:
            return merged.preferences
        return row

    # -- writes -----------------------------------------------------------------------------------------------

    async def remember(self, key: str, effects: Sequence[StorageEffect]) -> None:
        """Put chosen preferences in the cache at once (before the reply goes out, so the person's next message
        sees them); the database is written by `apply`, after the replies."""
        for effect in effects:
            if isinstance(effect, SavePreference):
                await self.cache.set_field(key, effect.field, effect.value)

    async def apply(self, key: str, effects: Sequence[StorageEffect]) -> None:
        """Carry out the storage effects of one update (after its replies went out)."""
        store = self.store
        for effect in effects:
            if isinstance(effect, SavePreference):
                call = partial(store.save_preference, key, effect.field, effect.value)
                await self._write(_Write(key, "save a preference", call))
            elif isinstance(effect, RecordFeedback):
                call = partial(store.add_feedback, key, effect.issue, effect.helpful)
                await self._write(_Write(key, "record feedback", call))
            elif isinstance(effect, CountStat):
                self._stats.append((effect.lang, effect.outcome, effect.issue, effect.score, effect.crisis_kind))
                if len(self._stats) >= BATCH:
                    self._wake.set()
            elif isinstance(effect, LogUnanswered) and self.keep_unanswered_days:
                call = partial(store.log_unanswered, effect.lang, effect.text, self.keep_unanswered_days)
                await self._write(_Write(None, "log a question", call))

    async def _write(self, write: _Write) -> None:
        """Now, unless the database is resting or earlier writes about the same person are still queued."""
        ready = not self.resting and not (write.key and self._queued_keys[write.key])
        if not (ready and await self._try(write.call, write.what)):
            self._enqueue(write)

    def _enqueue(self, write: _Write) -> None:
        if len(self._queue) >= self.max_queued:
            dropped = self._queue.popleft()
            if dropped.key:
                self._queued_keys[dropped.key] -= 1
            self.dropped += 1
            log.warning("too many writes queued while the database is down: the oldest was dropped")
        self._queue.append(write)
        if write.key:
            self._queued_keys[write.key] += 1
        self._wake.set()

    async def forget(self, key: str) -> bool:
        """Delete everything stored about the person. True when done; False when it could not be done now (it is
        then queued and done as soon as the database is back)."""
        await self.cache.drop(key)
        if self._queued_keys[key]:  # writes about them that have not been made yet: never make them
            self._queue = deque(w for w in self._queue if w.key != key)
            del self._queued_keys[key]
        call = partial(self.store.forget, key)
        async with self._writing:
            if await self._try(call, "delete a person's data"):
                return True
        self._enqueue(_Write(key, "delete a person's data", call))
        return False

    async def flush(self) -> None:
        """Write buffered counts, then queued writes in order, until one fails."""
        try:
            await self._flush()
        finally:
            async with self._flushed:
                self._flushed.notify_all()

    async def _flush(self) -> None:
        while self._stats and not self.resting:
            batch = [self._stats.popleft() for _ in range(min(BATCH, len(self._stats)))]
            if not await self._try(partial(self.store.count_stats, batch), "write anonymous counts"):
                self._stats.extendleft(reversed(batch))
                return
        while self._queue and not self.resting:
            async with self._writing:  # never at the same time as a /forget
                write = self._queue[0]
                if not await self._try(write.call, write.what):
                    return
                if self._queue and self._queue[0] is write:
                    self._queue.popleft()
                    if write.key:
                        self._queued_keys[write.key] -= 1
                        if self._queued_keys[write.key] <= 0:
                            del self._queued_keys[write.key]

    async def drained(self, timeout: float = 10.0) -> bool:
        """Wait (at most `timeout` seconds) until nothing is queued or buffered; True when so."""
        try:
            async with asyncio.timeout(timeout), self._flushed:
                await self._flushed.wait_for(lambda: self.queued == 0)
            return True
        except TimeoutError:
            return False

    @property
    def queued(self) -> int:
        """Writes and counts waiting for the database."""
        return len(self._queue) + len(self._stats)

"""Turns for matching. Matching a message holds the event loop for tens of milliseconds (words and meaning), so
under a burst the messages are matched one after another; a message with crisis words (a glance that takes well
under a millisecond, Conversation.urgent) is matched before every message that is waiting for its turn, so a crisis
reply is never stuck behind a burst of questions.

Every caller waits for its turn (even when no one else is waiting): the turn is given out from the event loop, once
every message that has arrived meanwhile has queued, never in the order the messages happened to be read.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

URGENT, ROUTINE = 0, 1


class Turns:
    def __init__(self) -> None:
        self._waiting: list[tuple[int, int, asyncio.Future[None]]] = []  # (priority, arrival, future): a heap
        self._arrivals = itertools.count()
        self._busy = False
        self._dispatch_scheduled = False

    @asynccontextmanager
    async def turn(self, urgent: bool = False) -> AsyncIterator[None]:
        """Wait for this message's turn to be matched; the body is the matching (keep it free of awaits)."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        heapq.heappush(self._waiting, (URGENT if urgent else ROUTINE, next(self._arrivals), future))
        self._schedule(loop)
        try:
            await future
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():  # the turn was given, then the caller was cancelled
                self._release(loop)
            raise
        try:
            yield
        finally:
            self._release(loop)

    def _release(self, loop: asyncio.AbstractEventLoop) -> None:
        self._busy = False
        self._schedule(loop)

    def _schedule(self, loop: asyncio.AbstractEventLoop) -> None:
        if not self._busy and not self._dispatch_scheduled:
            self._dispatch_scheduled = True
            loop.call_soon(self._dispatch)  # after what is ready now: messages that arrived meanwhile queue first

    def _dispatch(self) -> None:
        self._dispatch_scheduled = False
        if self._busy:
            return
        while self._waiting:
            _, _, future = heapq.heappop(self._waiting)
            if not future.done():  # a caller cancelled while waiting has left
                self._busy = True
                future.set_result(None)
                return

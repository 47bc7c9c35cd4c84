"""What every handler needs, created once at start-up and shared through `bot_data` (no module globals)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from telegram import Chat, User
from telegram.constants import ChatType
from telegram.ext import BaseUpdateProcessor, ContextTypes

from bot.app import Core
from bot.config import Settings
from bot.conversation import Profile
from bot.flood import FloodGuard
from bot.reload import LiveCore, Reloader
from bot.store import Store, user_key
from bot.store.storage import Storage
from bot.telegram.turns import Turns

KEY = "services"


_release_worker: ContextVar[Callable[[], None] | None] = ContextVar("release_worker", default=None)


def outcome_decided() -> None:
    """Called by a handler once it knows its replies: what remains is waiting for Telegram and storage, so another
    update may be worked on meanwhile (a crisis message is never stuck behind answers waiting for their turn)."""
    release = _release_worker.get()
    if release is not None:
        release()


class Progress(BaseUpdateProcessor):
    """Runs updates: at most `workers` being worked on (matching) at once, at most `max_in_flight` in the bot in
    all (the rest wait at Telegram). Counts updates fully handled — replies sent, storage done — so tests and
    benchmarks can wait for that instead of sleeping."""

    def __init__(self, workers: int, max_in_flight: int = 4096) -> None:
        super().__init__(max_in_flight)
        self.workers = workers
        self._working: asyncio.Semaphore | None = None
        self.handled = 0
        self._changed = threading.Condition()

    async def initialize(self) -> None:
        self._working = asyncio.Semaphore(self.workers)

    async def shutdown(self) -> None:
        pass

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        if self._working is None:
            self._working = asyncio.Semaphore(self.workers)
        working = self._working
        await working.acquire()  # (with max_in_flight == workers this never waits: strictly one slot each)
        released = False

        def release() -> None:
            nonlocal released
            if not released:
                released = True
                working.release()

        token = _release_worker.set(release)
        try:
            await coroutine
        finally:
            _release_worker.reset(token)
            release()
            with self._changed:
                self.handled += 1
                self._changed.notify_all()

    def wait(self, count: int, timeout: float = 10.0) -> int:
        """Block until `count` updates in all have been handled (from another thread); returns the count."""
        with self._changed:
            if not self._changed.wait_for(lambda: self.handled >= count, timeout):
                raise TimeoutError(f"{self.handled} of {count} updates handled within {timeout} s")
            return self.handled


@dataclass(frozen=True)
class Services:
    live: LiveCore
    settings: Settings
    store: Store
    storage: Storage
    flood: FloodGuard
    progress: Progress
    reloader: Reloader | None = None
    turns: Turns = field(default_factory=Turns)  # matching, one message at a time, crisis words first

    @property
    def core(self) -> Core:
        """The Core in service now (swapped whole on reload, bot/reload.py): read it once per update."""
        return self.live.current

    def key(self, user: User) -> str:
        return user_key(self.settings.user_key_secret, user.id)

    def is_admin_here(self, user: User | None, chat: Chat | None) -> bool:
        """Admin commands answer only an admin, and only in their private chat with the bot (never a group)."""
        return (
            user is not None
            and user.id in self.settings.admin_ids
            and chat is not None
            and chat.type == ChatType.PRIVATE
            and chat.id == user.id
        )

    async def profile(self, user: User | None) -> Profile:
        """The person's saved language, role and area; defaults when unknown or when the database does not
        answer."""
        if user is None:
            return Profile()
        lang, role, area = await self.storage.preferences(self.key(user)) or (None, None, None)
        return Profile(lang=lang, role=role, client_lang=user.language_code, area=area)


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    return context.application.bot_data[KEY]  # type: ignore[no-any-return]

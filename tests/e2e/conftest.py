"""A real python-telegram-bot Application polling a fake Bot API server on 127.0.0.1."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.app import Core, build_core
from bot.reload import Reloader
from bot.telegram.app import build_application
from bot.telegram.services import KEY, Services
from tests.e2e.fake_bot_api import FakeBotApi, FakeRequest
from tests.e2e.threaded import settings_for


@pytest.fixture(scope="session")
def core() -> Core:
    return build_core()


@dataclass
class Running:
    fake: FakeBotApi
    services: Services

    async def handled(self, count: int, timeout: float = 15.0) -> int:
        """Wait until `count` updates in all were fully handled (replies sent, storage done)."""
        return await asyncio.to_thread(self.services.progress.wait, count, timeout)

    async def settled(self, timeout: float = 15.0) -> None:
        """Wait until every update queued so far was fully handled."""
        await self.handled(self.fake.pushed, timeout)


StartBot = Callable[..., AbstractAsyncContextManager[Running]]


@pytest.fixture
def start_bot(core: Core, tmp_path: Path) -> StartBot:
    """`async with start_bot(FLOOD_LIMIT_PER_MINUTE="5") as bot:` — extra environment settings as keywords;
    `telegram_limit` keeps to Telegram's 30 messages a second; `before_start` sets faults before the bot starts;
    `wait_for_database=False` starts without waiting for the schema (a database that is down); `socket=True`
    talks to the fake over HTTP, as in production (for timeouts), instead of through python-telegram-bot's request
    layer directly; `reloader=` serves the reloader's live core and reloads edits while running."""

    @asynccontextmanager
    async def running(
        telegram_limit: bool = False,
        wait_for_database: bool = True,
        before_start: Callable[[FakeBotApi], None] | None = None,
        socket: bool = False,
        reloader: Reloader | None = None,
        **env: str,
    ) -> AsyncIterator[Running]:
        fake = FakeBotApi()
        fake.start()
        if before_start is not None:
            before_start(fake)
        settings = settings_for(fake, tmp_path, **env)
        requests = None if socket else (FakeRequest(fake), FakeRequest(fake))
        app = build_application(settings, core, telegram_limit=telegram_limit, requests=requests, reloader=reloader)
        try:
            async with app:
                assert app.post_init is not None and app.updater is not None
                await app.post_init(app)
                if wait_for_database:
                    assert await app.bot_data[KEY].storage.wait_ready(), "the database schema was not migrated"
                await app.start()
                await app.updater.start_polling(poll_interval=0.0, timeout=1)
                try:
                    yield Running(fake, app.bot_data[KEY])
                finally:
                    await app.updater.stop()
                    await app.stop()
                    assert app.post_shutdown is not None
                    await app.post_shutdown(app)
        finally:
            fake.stop()

    return running


@pytest.fixture
async def bot(start_bot: StartBot) -> AsyncIterator[Running]:
    async with start_bot() as running:
        yield running

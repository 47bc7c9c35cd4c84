"""Run the bot (python-telegram-bot polling the fake Bot API) in a background thread with its own event loop,
so synchronous code — Hypothesis tests, benchmarks — can push updates and wait for answers."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from bot.app import Core
from bot.config import Settings, load_settings
from bot.telegram.app import build_application
from bot.telegram.services import KEY, Progress
from tests.e2e.fake_bot_api import FakeBotApi


def settings_for(fake: FakeBotApi, folder: Path, **env: str) -> Settings:
    """Settings for a bot talking to `fake`, with its data in `folder`; keywords override the environment."""
    return load_settings(
        {
            "TELEGRAM_BOT_TOKEN": fake.token,
            "BOT_API_BASE_URL": fake.base_url,
            "DATABASE_URL": f"sqlite:///{folder / 'bot.sqlite3'}",
            "USER_KEY_SECRET": "test-secret-0123456789",
            **env,
        },
        data_dir=folder,
    )


class BotThread:
    def __init__(
        self, core: Core, folder: Path, concurrent_updates: int | bool = True, telegram_limit: bool = False, **env: str
    ) -> None:
        self.core, self.folder, self.env, self.concurrent = core, folder, env, concurrent_updates
        self.telegram_limit = telegram_limit  # keep to Telegram's 30 messages a second, as in production
        self.fake = FakeBotApi()
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="bot", daemon=True)
        self.progress: Progress | None = None  # counts updates fully handled

    def settled(self, timeout: float = 15.0) -> None:
        """Block until every update queued so far was fully handled (replies sent, storage done)."""
        assert self.progress is not None
        self.progress.wait(self.fake.pushed, timeout)

    def __enter__(self) -> BotThread:
        self.fake.start()
        self._thread.start()
        if not self._ready.wait(60) or self._error:
            raise RuntimeError(f"the bot did not start: {self._error!r}")
        return self

    def __exit__(self, *exc: object) -> None:
        if self._loop and self._stop:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(30)
        self.fake.stop()

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as exc:  # reported to the starting thread
            self._error = exc
            self._ready.set()

    async def _main(self) -> None:
        self._loop, self._stop = asyncio.get_running_loop(), asyncio.Event()
        settings = settings_for(self.fake, self.folder, **self.env)
        app = build_application(
            settings, self.core, telegram_limit=self.telegram_limit, concurrent_updates=self.concurrent
        )
        async with app:
            assert app.post_init is not None and app.updater is not None and app.post_shutdown is not None
            await app.post_init(app)
            await app.start()
            await app.updater.start_polling(poll_interval=0.0, timeout=1)
            self.progress = app.bot_data[KEY].progress
            self._ready.set()
            await self._stop.wait()
            await app.updater.stop()
            await app.stop()
            await app.post_shutdown(app)

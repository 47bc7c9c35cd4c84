"""A real python-telegram-bot Application polling a fake Bot API server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.app import Core, build_core
from bot.config import load_settings
from bot.store import Store
from bot.telegram.app import build_application
from bot.telegram.services import KEY, Services
from tests.e2e.fake_bot_api import FakeBotApi


@pytest.fixture(scope="session")
def core() -> Core:
    return build_core()


@dataclass
class Running:
    fake: FakeBotApi
    services: Services


@pytest.fixture
async def bot(core: Core, tmp_path: Path) -> AsyncIterator[Running]:
    fake = FakeBotApi()
    fake.start()
    env = {
        "TELEGRAM_BOT_TOKEN": fake.token,
        "BOT_API_BASE_URL": fake.base_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.sqlite3'}",
        "USER_KEY_SECRET": "test-secret-0123456789",
    }
    settings = load_settings(env, data_dir=tmp_path)
    app = build_application(settings, core, Store(settings.database_url), rate_limiter=False)
    async with app:
        assert app.post_init is not None
        await app.post_init(app)
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        try:
            yield Running(fake, app.bot_data[KEY])
        finally:
            await app.updater.stop()
            await app.stop()
            assert app.post_shutdown is not None
            await app.post_shutdown(app)
    fake.stop()

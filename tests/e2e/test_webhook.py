"""Webhook mode (production): Telegram posts updates to our listener; the answer goes out through the Bot API."""

from __future__ import annotations

import asyncio
import json
import time
import urllib.request
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.app import Core
from bot.telegram.app import build_application, webhook_options
from bot.telegram.services import KEY, Services
from tests.e2e.fake_bot_api import FakeBotApi
from tests.e2e.faults import free_port
from tests.e2e.threaded import settings_for


def post(url: str, body: dict[str, Any], secret: str | None) -> int:
    headers = {"Content-Type": "application/json"}
    if secret:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(url, json.dumps(body).encode(), headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


@dataclass
class Hooked:
    fake: FakeBotApi
    url: str
    secret: str
    services: Services


@asynccontextmanager
async def webhook_bot(core: Core, folder: Path, **env: str) -> AsyncIterator[Hooked]:
    fake = FakeBotApi()
    fake.start()
    port = free_port()
    settings = settings_for(fake, folder, WEBHOOK_URL="https://bot.example.org/hook", WEBHOOK_PORT=str(port), **env)
    options = webhook_options(settings)
    app = build_application(settings, core, telegram_limit=False)
    try:
        async with app:
            assert app.post_init is not None and app.updater is not None and app.post_shutdown is not None
            await app.post_init(app)
            await app.start()
            await app.updater.start_webhook(**options)
            try:
                yield Hooked(fake, f"http://127.0.0.1:{port}/telegram", options["secret_token"], app.bot_data[KEY])
            finally:
                await app.updater.stop()
                await app.stop()
                await app.post_shutdown(app)
    finally:
        fake.stop()


async def test_webhook_receives_updates_and_refuses_strangers(core: Core, tmp_path: Path) -> None:
    async with webhook_bot(core, tmp_path) as bot:
        [hook] = await bot.fake.wait_for_async("setWebhook", chat_id=None)
        assert hook.params["url"] == "https://bot.example.org/hook/telegram"
        update = bot.fake.push_message(4242, "where can I learn English?")  # an update as Telegram would send it
        assert await asyncio.to_thread(post, bot.url, update, "wrong-secret") == 403
        assert await asyncio.to_thread(post, bot.url, update, bot.secret) == 200
        [reply] = await bot.fake.wait_for_async("sendMessage", chat_id=4242)
        assert "ESOL" in reply.params["text"]


async def test_webhook_secret_comes_from_its_setting(core: Core, tmp_path: Path) -> None:
    async with webhook_bot(core, tmp_path, WEBHOOK_SECRET="set-by-the-admin_42") as bot:
        [hook] = await bot.fake.wait_for_async("setWebhook", chat_id=None)
        assert hook.params["secret_token"] == "set-by-the-admin_42"
        update = bot.fake.push_message(4242, "where can I learn English?")
        derived = settings_for(bot.fake, tmp_path).webhook_secret  # what it would be without the setting
        assert derived != "set-by-the-admin_42"
        assert await asyncio.to_thread(post, bot.url, update, derived) == 403  # the token no longer opens it
        assert await asyncio.to_thread(post, bot.url, update, "set-by-the-admin_42") == 200
        await bot.fake.wait_for_async("sendMessage", chat_id=4242)


async def test_a_huge_update_is_cut_before_any_work_and_stalls_no_one(core: Core, tmp_path: Path) -> None:
    async with webhook_bot(core, tmp_path) as bot:
        huge = bot.fake.push_message(5001, "a" * 150_000)
        normal = bot.fake.push_message(5002, "where can I learn English?")
        started = time.monotonic()
        statuses = await asyncio.gather(
            asyncio.to_thread(post, bot.url, huge, bot.secret), asyncio.to_thread(post, bot.url, normal, bot.secret)
        )
        assert statuses == [200, 200]
        [reply] = await bot.fake.wait_for_async("sendMessage", chat_id=5002)
        assert reply.at - started < 1.0
        [other] = await bot.fake.wait_for_async("sendMessage", chat_id=5001)
        assert other.at - started < 1.5

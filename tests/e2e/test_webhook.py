"""Webhook mode (production): Telegram posts updates to our listener; the answer goes out through the Bot API."""

from __future__ import annotations

import asyncio
import json
import socket
import urllib.request
from pathlib import Path

from bot.app import Core
from bot.telegram.app import build_application, webhook_options
from tests.e2e.fake_bot_api import FakeBotApi
from tests.e2e.threaded import settings_for


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def post(url: str, body: dict, secret: str | None) -> int:  # type: ignore[type-arg]
    headers = {"Content-Type": "application/json"}
    if secret:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(url, json.dumps(body).encode(), headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


async def test_webhook_receives_updates_and_refuses_strangers(core: Core, tmp_path: Path) -> None:
    fake = FakeBotApi()
    fake.start()
    port = free_port()
    settings = settings_for(fake, tmp_path, WEBHOOK_URL="https://bot.example.org/hook", WEBHOOK_PORT=str(port))
    options = webhook_options(settings)
    app = build_application(settings, core, telegram_limit=False)
    try:
        async with app:
            assert app.post_init is not None and app.updater is not None
            await app.post_init(app)
            await app.start()
            await app.updater.start_webhook(**options)
            [hook] = await fake.wait_for_async("setWebhook", chat_id=None)
            assert hook.params["url"] == "https://bot.example.org/hook/telegram"
            update = fake.push_message(4242, "where can I learn English?")  # an update as Telegram would send it
            url = f"http://127.0.0.1:{port}/telegram"
            assert await asyncio.to_thread(post, url, update, "wrong-secret") == 403
            assert await asyncio.to_thread(post, url, update, options["secret_token"]) == 200
            [reply] = await fake.wait_for_async("sendMessage", chat_id=4242)
            assert "ESOL" in reply.params["text"]
            await app.updater.stop()
            await app.stop()
    finally:
        fake.stop()

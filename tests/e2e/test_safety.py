"""Safety through the real Telegram stack: flood control, Telegram faults, database down, privacy of logs."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

import pytest
from telegram import User

from bot.logs import configure_logging
from tests.e2e.conftest import Running, StartBot

USER = 7001


async def sent(bot: Running, count: int = 1, chat_id: int | None = USER, method: str = "sendMessage") -> list[Any]:
    return await asyncio.to_thread(bot.fake.wait_for, method, count, 15.0, chat_id)


async def test_flood_gets_one_slow_down_then_silence(start_bot: StartBot) -> None:
    async with start_bot(FLOOD_LIMIT_PER_MINUTE="5") as bot:
        for n in range(9):
            bot.fake.push_message(USER, f"where can I learn English {n}")
        await sent(bot, 6)
        await bot.settled()
        texts = [c.params["text"] for c in bot.fake.sent_to(USER)]
        assert len(texts) == 6
        assert sum("very fast" in t for t in texts) == 1
        bot.fake.push_message(USER + 1, "hello")  # someone else is not affected
        await sent(bot, chat_id=USER + 1)


async def test_429_is_waited_out_and_the_answer_arrives(bot: Running) -> None:
    bot.fake.fail_next("sendMessage", status=429, retry_after=1)
    bot.fake.push_message(USER, "where can I learn English")
    [reply] = await sent(bot)
    assert "ESOL" in reply.params["text"]
    refused = [c for c in bot.fake.calls if c.method == "sendMessage" and not c.ok]
    assert len(refused) == 1


async def test_dropped_connection_is_retried(bot: Running) -> None:
    bot.fake.fail_next("sendMessage", status=502, retry_after=None, description="Bad Gateway", times=2)
    bot.fake.push_message(USER, "my boss pays me less than the minimum wage")
    [reply] = await sent(bot)
    assert "Exploitation" in reply.params["text"]


async def test_database_down_still_answers_and_recovers(start_bot: StartBot, tmp_path: Path) -> None:
    blocker = tmp_path / "db"
    blocker.write_text("not a folder")  # the database file cannot be created: the database is "down"
    async with start_bot(DATABASE_URL=f"sqlite:///{blocker / 'bot.sqlite3'}", wait_for_database=False) as bot:
        bot.fake.push_command(USER, "start")
        [start] = await sent(bot)
        bot.fake.reset()
        data = next(b["callback_data"] for row in start.params["reply_markup"]["inline_keyboard"] for b in row
                    if b["text"] == "I work with migrants")  # fmt: skip
        bot.fake.push_callback(USER, data)
        await sent(bot, method="editMessageText")  # answered with defaults
        key = bot.services.key(User(USER, "Test", False))
        blocker.unlink()
        blocker.mkdir()  # the database is back
        assert await bot.services.storage.wait_ready(15)  # migrated in the background once it is back
        bot.fake.reset()
        bot.fake.push_callback(USER, data)
        await sent(bot, method="answerCallbackQuery", chat_id=None)
        await bot.settled()
        assert await bot.services.storage.drained(15)  # the choice queued while it was down is written by now
        assert await bot.services.store.preferences(key) == (None, "staff", None)


async def test_logs_hold_no_message_text_or_user_id(bot: Running, caplog: pytest.LogCaptureFixture) -> None:
    configure_logging()
    secret_text, user_id = "zebra unicorn landlord flat", 987654321
    with caplog.at_level(logging.INFO):
        bot.fake.fail_next("sendMessage", status=502, retry_after=None, description="Bad Gateway")
        bot.fake.push_message(user_id, secret_text)
        await sent(bot, chat_id=user_id)
        bot.fake.fail_next("sendMessage", status=400, retry_after=None, description="Bad Request: chat not found")
        bot.fake.push_message(user_id, secret_text + " again")
        await sent(bot, count=1, chat_id=user_id)
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert logged  # something was logged (the retry and the failure)
    assert "zebra" not in logged and str(user_id) not in logged


async def test_unanswered_log_is_off_by_default(bot: Running) -> None:
    bot.fake.push_message(USER, "who won the football last night")
    await sent(bot)
    assert await bot.services.store.unanswered() == []


async def test_unanswered_log_for_admins_when_switched_on(start_bot: StartBot) -> None:
    async with start_bot(UNANSWERED_LOG_DAYS="7", ADMIN_IDS=str(USER)) as bot:
        bot.fake.push_message(USER + 5, "who won the football last night")
        await sent(bot, chat_id=USER + 5)
        bot.fake.push_command(USER + 5, "unanswered")  # not an admin: gets the help text, no report
        not_admin = (await sent(bot, chat_id=USER + 5, count=2))[-1]
        assert "football" not in not_admin.params["text"]
        await bot.settled()  # the question is stored after its reply went out
        bot.fake.push_command(USER, "unanswered")
        [report] = await sent(bot)
        assert "who won the football last night" in report.params["text"]
        bot.fake.push_command(USER + 5, "privacy")
        privacy = (await sent(bot, chat_id=USER + 5, count=3))[-1]
        assert "7 days" in privacy.params["text"]

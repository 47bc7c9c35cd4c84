"""The fault suite: the real Telegram stack (python-telegram-bot against the fake Bot API) while the database
hangs, refuses or is locked, and while the Bot API fails, is slow or is away. Never silent, never late, never
twice."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from telegram import User

from bot.logs import configure_logging
from tests.e2e.conftest import Running, StartBot
from tests.e2e.faults import FreezableProxy, free_port, sqlite_locked, tarpit

USER = 8001
CRISIS = "I want to kill myself tonight"
QUESTION = "where can I learn English?"
CRISIS_LIMIT = 2.0  # seconds: a crisis reply, whatever the database does
ANSWER_LIMIT = 3.0  # seconds: any other answer, with defaults when the database does not answer


async def sent(bot: Running, count: int = 1, chat_id: int | None = USER, method: str = "sendMessage") -> list[Any]:
    return await bot.fake.wait_for_async(method, count, 30.0, chat_id)


async def latency(bot: Running, user: int, text: str, command: bool = False) -> tuple[float, str]:
    """Seconds from queuing a message until its (first) answer was sent, and the answer."""
    before = len(bot.fake.sent_to(user))
    if command:
        bot.fake.push_command(user, text)
    else:
        bot.fake.push_message(user, text)
    pushed = time.monotonic()
    calls = await sent(bot, before + 1, chat_id=user)
    return calls[before].at - pushed, calls[before].params["text"]


def key_of(bot: Running, user: int) -> str:
    return bot.services.key(User(user, "Test", False))


@contextmanager
def database_fault(kind: str, folder: Path) -> Iterator[str]:
    """A DATABASE_URL that hangs (PostgreSQL port that never answers), refuses (nothing listens), or is an SQLite
    file another process holds the write lock on."""
    if kind == "hung":
        with tarpit() as port:
            yield f"postgresql://postgres@127.0.0.1:{port}/test"
    elif kind == "refused":
        yield f"postgresql://postgres@127.0.0.1:{free_port()}/test"
    else:
        path = folder / "locked.sqlite3"
        with sqlite_locked(path):
            yield f"sqlite:///{path}"


# -- the database ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["hung", "refused", "sqlite-locked"])
async def test_database_fault_crisis_within_2s_answers_within_3s_start_up_not_blocked(
    start_bot: StartBot, tmp_path: Path, kind: str
) -> None:
    with database_fault(kind, tmp_path) as url:
        started = time.monotonic()
        async with start_bot(DATABASE_URL=url, wait_for_database=False) as bot:
            assert time.monotonic() - started < 5.0, "start-up waited on the database"
            seconds, text = await latency(bot, USER, CRISIS)
            assert "999" in text and seconds <= CRISIS_LIMIT, seconds
            seconds, text = await latency(bot, USER + 1, QUESTION)
            assert "ESOL" in text and seconds <= ANSWER_LIMIT, seconds
            seconds, text = await latency(bot, USER + 2, "start", command=True)
            assert "Hello" in text and seconds <= ANSWER_LIMIT, seconds
            seconds, text = await latency(bot, USER + 2, CRISIS)  # again, while writes are waiting
            assert "999" in text and seconds <= CRISIS_LIMIT, seconds


async def test_forget_while_the_database_is_down_says_so_and_deletes_when_it_is_back(
    start_bot: StartBot, tmp_path: Path
) -> None:
    path = tmp_path / "bot.sqlite3"
    async with start_bot(DATABASE_URL=f"sqlite:///{path}") as bot:
        bot.fake.push_command(USER, "language")
        [menu] = await sent(bot)
        polish = next(b["callback_data"] for row in menu.params["reply_markup"]["inline_keyboard"] for b in row
                      if b["text"] == "Polski")  # fmt: skip
        bot.fake.push_callback(USER, polish)
        await sent(bot, method="editMessageText")
        await bot.settled()
        key = key_of(bot, USER)
        assert await bot.services.store.preferences(key) == ("pl", None, None)
        with sqlite_locked(path):
            bot.fake.reset()
            bot.fake.push_command(USER, "forget")
            [reply] = await sent(bot)
            assert "could not delete" in reply.params["text"]
            assert "deleted" not in reply.params["text"].split(".")[0]
            await bot.settled()
            bot.fake.push_message(USER, QUESTION)  # meanwhile the bot answers in the default language again
            [_, answer] = await sent(bot, 2)
            assert "ESOL" in answer.params["text"] and "Angielski" not in answer.params["text"]
        assert await bot.services.storage.drained(15), "the queued deletion was not carried out"
        assert await bot.services.store.rows_about(key) == 0


async def test_forget_with_the_database_up_says_what_was_deleted(bot: Running) -> None:
    bot.fake.push_command(USER, "forget")
    [reply] = await sent(bot)
    assert "language, role, area and feedback have been deleted" in reply.params["text"]
    assert "everything" not in reply.params["text"]


async def test_sqlite_forget_leaves_no_trace_of_the_key_in_the_files(start_bot: StartBot, tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    async with start_bot(DATABASE_URL=f"sqlite:///{path}") as bot:
        bot.fake.push_message(USER, QUESTION)
        [card] = await sent(bot)
        for button in ("👍", "Polski"):
            if button == "Polski":
                bot.fake.push_command(USER, "language")
                card = (await sent(bot, 2))[-1]
            data = next(b["callback_data"] for row in card.params["reply_markup"]["inline_keyboard"] for b in row
                        if b["text"] == button)  # fmt: skip
            bot.fake.push_callback(USER, data)
            await bot.settled()
        key = key_of(bot, USER).encode()
        assert await bot.services.store.rows_about(key.decode()) == 2
        files = [p for p in tmp_path.glob("bot.sqlite3*") if p.is_file()]
        assert any(key in p.read_bytes() for p in files)  # it was there
        bot.fake.push_command(USER, "forget")
        await bot.settled()
        assert await bot.services.store.rows_about(key.decode()) == 0
        for file in tmp_path.glob("bot.sqlite3*"):
            assert key not in file.read_bytes(), file.name


# -- the Bot API -------------------------------------------------------------------------------------------------


async def test_start_up_survives_a_502_on_get_me_and_a_failing_command_menu(start_bot: StartBot) -> None:
    async with start_bot(before_start=_start_faults) as bot:
        bot.fake.push_message(USER, QUESTION)
        [reply] = await sent(bot)
        assert "ESOL" in reply.params["text"]
        assert [c.ok for c in bot.fake.calls if c.method == "getMe"][:2] == [False, True]


def _start_faults(fake: Any) -> None:
    fake.fail_next("getMe", status=502, retry_after=None, description="Bad Gateway")
    fake.fail_next("setMyCommands", status=500, retry_after=None, description="Internal Server Error", times=10_000)


async def test_a_20_second_outage_loses_no_answer_and_crisis_replies_go_first(start_bot: StartBot) -> None:
    async with start_bot() as bot:
        ends = bot.fake.fail_for("sendMessage", 20.0)
        people = [USER + n for n in range(5)]
        for person in people[:-1]:
            bot.fake.push_message(person, QUESTION)
        bot.fake.push_message(people[-1], CRISIS)  # the last to write is in danger
        for person in people:  # the person in danger may get a topic card after the crisis reply: wait per person
            await bot.fake.wait_for_async("sendMessage", 1, 60.0, chat_id=person)
        answers = await bot.fake.wait_for_async("sendMessage", len(people), 1.0)
        asking = [int(a.params["chat_id"]) for a in answers if int(a.params["chat_id"]) != people[-1]]
        assert sorted(asking) == people[:-1]  # everyone who asked, exactly once
        assert all(a.at >= ends for a in answers)
        assert int(answers[0].params["chat_id"]) == people[-1] and "999" in answers[0].params["text"]


async def test_a_slow_api_sends_an_answer_once(start_bot: StartBot) -> None:
    async with start_bot(socket=True) as bot:  # the point is how HTTP waits for an answer
        bot.fake.slow_next("sendMessage", 6.0)  # carried out at once, answered after 6 s (PTB's default wait is 5)
        bot.fake.push_message(USER, QUESTION)
        await bot.settled(30)
        assert len([c for c in bot.fake.calls if c.method == "sendMessage"]) == 1


async def test_a_crisis_reply_is_repeated_when_unsure_it_arrived(start_bot: StartBot) -> None:
    async with start_bot(socket=True) as bot:
        bot.fake.slow_next("sendMessage", 11.0)  # longer than the bot waits for an answer
        bot.fake.push_message(USER, CRISIS)
        await bot.settled(40)
        crisis = [c for c in bot.fake.calls if c.method == "sendMessage" and "999" in c.params["text"]]
        assert len(crisis) == 2  # better twice than never


async def test_a_500_on_answering_a_button_keeps_the_card_and_clears_the_spinner(bot: Running) -> None:
    bot.fake.push_message(USER, QUESTION)
    [card] = await sent(bot)
    thumbs = next(b["callback_data"] for row in card.params["reply_markup"]["inline_keyboard"] for b in row
                  if b["text"] == "👍")  # fmt: skip
    bot.fake.reset()
    bot.fake.fail_next("answerCallbackQuery", status=500, retry_after=None, description="Internal Server Error")
    bot.fake.push_callback(USER, thumbs)
    await bot.settled()
    answers = [c for c in bot.fake.calls if c.method == "answerCallbackQuery"]
    assert [a.ok for a in answers] == [False, True]  # the spinner is cleared
    assert "welcome" in answers[-1].params.get("text", "")
    assert bot.fake.sent_to(USER) == []  # the card stays: no edit, no "something went wrong"


async def test_unreadable_button_data_says_expired_and_logs_nothing_of_it(
    bot: Running, caplog: pytest.LogCaptureFixture
) -> None:
    configure_logging()
    with caplog.at_level(logging.DEBUG):
        for data in ("v1:d:²", "v1:d:99999999999", "v1:f:esol:1:extra:" + "x" * 30, "v1:i:ESOL\u0000"):
            bot.fake.reset()
            bot.fake.push_message(USER, QUESTION)
            await sent(bot)
            bot.fake.push_callback(USER, data)  # on that card
            [reply] = await sent(bot, method="editMessageText")
            assert "expired" in reply.params["text"]
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert "²" not in logged and "failed" not in logged


# -- flood -------------------------------------------------------------------------------------------------------


async def test_one_flood_guard_for_buttons_and_inline_queries(start_bot: StartBot) -> None:
    async with start_bot(FLOOD_LIMIT_PER_MINUTE="5") as bot:
        bot.fake.push_message(USER, QUESTION)  # 1 of 5
        [card] = await sent(bot)
        thumbs = next(b["callback_data"] for row in card.params["reply_markup"]["inline_keyboard"] for b in row
                      if b["text"] == "👍")  # fmt: skip
        for _ in range(30):
            bot.fake.push_callback(USER, thumbs)
        await bot.settled()
        assert await bot.services.store.rows_about(key_of(bot, USER)) == 4  # the other 4 of 5
        toasts = [c.params.get("text", "") for c in bot.fake.calls if c.method == "answerCallbackQuery"]
        assert sum("very fast" in t for t in toasts) == 1
        other = USER + 1
        for _ in range(30):
            bot.fake.push_inline_query(other, "overcrowding")
        await bot.settled()
        answers = [c for c in bot.fake.calls if c.method == "answerInlineQuery" and c.params.get("results")]
        assert len(answers) == 5


async def test_many_people_at_once_with_telegrams_limit_the_crisis_reply_is_not_queued(start_bot: StartBot) -> None:
    async with start_bot(telegram_limit=True) as bot:
        others = 150  # 5 s of Telegram's 30 messages a second
        for n in range(others):
            bot.fake.push_message(20_000 + n, QUESTION)
        seconds, text = await latency(bot, USER, CRISIS)
        assert "999" in text and seconds <= CRISIS_LIMIT, seconds
        await bot.fake.wait_for_async("sendMessage", others + 1, 30.0)


# -- privacy and admin -------------------------------------------------------------------------------------------


async def test_admin_commands_only_in_a_private_chat_with_an_admin(start_bot: StartBot) -> None:
    async with start_bot(UNANSWERED_LOG_DAYS="7", ADMIN_IDS=str(USER)) as bot:
        bot.fake.push_message(USER + 5, "who won the football last night")
        await sent(bot, chat_id=USER + 5)
        await bot.settled()
        group = -4242
        bot.fake.push_command(USER, "unanswered", chat_id=group)  # the admin, but in a group
        await bot.settled()
        assert all("football" not in c.params["text"] for c in bot.fake.sent_to(group))
        bot.fake.push_command(USER, "unanswered")
        [report] = await sent(bot)
        assert "football" in report.params["text"]


async def test_unanswered_log_keeps_no_phone_numbers_emails_or_postcodes(start_bot: StartBot) -> None:
    async with start_bot(UNANSWERED_LOG_DAYS="7") as bot:
        bot.fake.push_message(
            USER, "who won the football? text me on 07700 900123 or mail jo.bloggs@example.org, I live in CB1 2AB"
        )
        await sent(bot)
        await bot.settled()
        [(_, _, text)] = await bot.services.store.unanswered()
        assert "football" in text
        assert "900123" not in text and "example.org" not in text and "CB1" not in text
        bot.fake.reset()  # (the answer may have come with a "call 999 if in danger" line first)
        bot.fake.push_command(USER, "privacy")
        [privacy] = await sent(bot)
        assert "phone numbers, email addresses and postcodes removed" in privacy.params["text"]
        assert "everything" not in privacy.params["text"]


async def test_contacts_search_is_cut_and_quoted_once(bot: Running) -> None:
    bot.fake.push_command(USER, "contacts", "<" * 4000)
    await bot.settled()
    [reply] = bot.fake.sent_to(USER)
    assert reply.params["text"].count("&lt;") <= 64


async def test_language_and_role_pressed_at_once_are_both_kept(start_bot: StartBot) -> None:
    async with start_bot() as bot:
        people = [USER + n for n in range(20)]
        for person in people:
            bot.fake.push_command(person, "start")
        await bot.settled()
        for person in people:  # both buttons of the start message, pressed together
            bot.fake.push_callback(person, "v1:L:pl")
            bot.fake.push_callback(person, "v1:R:s")
        await bot.settled()
        for person in people:
            assert await bot.services.store.preferences(key_of(bot, person)) == ("pl", "staff", None)
            assert await bot.services.storage.preferences(key_of(bot, person)) == ("pl", "staff", None)


async def test_a_database_that_hangs_mid_run_costs_a_crisis_reply_at_most_the_timeout(
    start_bot: StartBot, tmp_path: Path
) -> None:
    from tests.store.conftest import POSTGRES_URL, _postgres_reachable

    if not await _postgres_reachable():
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES_URL}; set TEST_POSTGRES_URL to test it")
    parts = urlsplit(POSTGRES_URL)
    proxy = FreezableProxy(parts.port or 5432)
    url = urlunsplit(parts._replace(netloc=parts.netloc.replace(f":{parts.port or 5432}", f":{proxy.port}")))
    try:
        async with start_bot(DATABASE_URL=url) as bot:  # migrated through the proxy
            seconds, _ = await latency(bot, USER, QUESTION)  # the database works: read, then cached
            proxy.freeze()
            seconds, text = await latency(bot, USER + 1, CRISIS)  # someone new: their preferences are read
            print(f"crisis after a hang mid-run: {seconds:.2f} s")
            assert "999" in text and seconds <= CRISIS_LIMIT, seconds
            seconds, text = await latency(bot, USER + 2, QUESTION)
            assert "ESOL" in text and seconds <= ANSWER_LIMIT, seconds
            proxy.thaw()
            assert await bot.services.storage.drained(15)
    finally:
        proxy.close()

"""Tests of the fake Bot API itself, through a real python-telegram-bot ``Bot``."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import re
from collections.abc import AsyncIterator, Iterator

import pytest
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Message,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, EndPointNotFound, InvalidToken, RetryAfter
from telegram.ext import ApplicationBuilder, CallbackQueryHandler, CommandHandler, ContextTypes

from tests.e2e.fake_bot_api import FakeBotApi, parse_body, parse_telegram_html

USER = 42


@pytest.fixture
def fake() -> Iterator[FakeBotApi]:
    with FakeBotApi() as server:
        yield server


@pytest.fixture
async def bot(fake: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(fake.token, base_url=fake.base_url) as client:
        yield client


def refused(description: str) -> str:
    """A ``match`` pattern for a PTB error: PTB drops "Bad Request: " and applies ``str.capitalize()``."""
    return "(?i)" + re.escape(description)


def keyboard(**button: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(**button)]])  # type: ignore[arg-type]


async def test_get_me(bot: Bot, fake: FakeBotApi) -> None:
    me = await bot.get_me()
    assert me.is_bot and me.username == "test_iag_bot" and me.supports_inline_queries
    assert fake.wait_for("getMe")[0].ok


async def test_send_message_returns_message(bot: Bot, fake: FakeBotApi) -> None:
    first = await bot.send_message(
        USER, "<b>Hello</b> &amp; <a href='https://x.org/?a=1'>welcome</a>", parse_mode="HTML"
    )
    second = await bot.send_message(USER, "123", reply_markup=keyboard(text="More", callback_data="more:1"))
    assert isinstance(first, Message)
    assert first.text == "Hello & welcome"
    assert [(e.type, e.offset, e.length) for e in first.entities] == [("bold", 0, 5), ("text_link", 8, 7)]
    assert first.parse_entity(first.entities[1]) == "welcome" and first.entities[1].url == "https://x.org/?a=1"
    assert first.chat.id == USER and first.from_user is not None and first.from_user.is_bot
    assert second.message_id == first.message_id + 1
    assert second.text == "123"  # a numeric-looking text stays a string
    assert second.reply_markup == keyboard(text="More", callback_data="more:1")
    calls = fake.sent_to(USER)
    assert [c.params["text"] for c in calls] == ["<b>Hello</b> &amp; <a href='https://x.org/?a=1'>welcome</a>", "123"]
    assert calls[0].params["chat_id"] == USER
    assert calls[1].params["reply_markup"] == {"inline_keyboard": [[{"text": "More", "callback_data": "more:1"}]]}


@pytest.mark.parametrize(
    ("text", "parse_mode", "error"),
    [
        ("   ", None, "message text is empty"),
        ("<b> </b>", ParseMode.HTML, "message text is empty"),
        ("x" * 4097, None, "message is too long"),
        ("&amp;" * 4097, ParseMode.HTML, "message is too long"),
        ("<div>x</div>", ParseMode.HTML, "can't parse entities"),
        ("<b>x", ParseMode.HTML, "can't parse entities"),
        ("<b><i>x</b></i>", ParseMode.HTML, "can't parse entities"),
        ("x</b>", ParseMode.HTML, "can't parse entities"),
        ("1 < 2", ParseMode.HTML, "can't parse entities"),
        ("Q&A", ParseMode.HTML, "can't parse entities"),
        ("a&nbsp;b", ParseMode.HTML, "can't parse entities"),
        ('<span class="x">y</span>', ParseMode.HTML, "can't parse entities"),
    ],
)
async def test_send_message_refusals(bot: Bot, fake: FakeBotApi, text: str, parse_mode: str | None, error: str) -> None:
    with pytest.raises(BadRequest, match=refused(error)):
        await bot.send_message(USER, text, parse_mode=parse_mode)
    call = fake.calls[-1]
    assert call.method == "sendMessage" and not call.ok and error in str(call.error)
    assert fake.sent_to(USER) == []


async def test_length_counts_parsed_text(bot: Bot) -> None:
    message = await bot.send_message(USER, "<b>" + "&lt;" * 4096 + "</b>", parse_mode=ParseMode.HTML)
    assert message.text == "<" * 4096


def test_html_parser_accepts_telegram_markup() -> None:
    html = (
        "<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s><strike>k</strike><del>d</del>"
        '<a href="https://e.org">a</a><code>c</code><pre><code class="language-py">p</code></pre>'
        '<blockquote expandable>q</blockquote><tg-spoiler>t</tg-spoiler><span class="tg-spoiler">p</span>'
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji> &lt;&gt;&amp;&quot;&#65;&#x42; > end'
    )
    text, entities = parse_telegram_html(html)
    assert text == 'bsieunskdacpqtp👍 <>&"AB > end'
    kinds = [(e["type"], e["offset"], e["length"]) for e in entities]
    assert kinds[:3] == [("bold", 0, 1), ("bold", 1, 1), ("italic", 2, 1)]
    assert {"type": "text_link", "offset": 9, "length": 1, "url": "https://e.org"} in entities
    assert {"type": "pre", "offset": 11, "length": 1, "language": "py"} in entities
    assert ("expandable_blockquote", 12, 1) in kinds and ("spoiler", 14, 1) in kinds
    assert {"type": "custom_emoji", "offset": 15, "length": 2, "custom_emoji_id": "5368324170671202286"} in entities


@pytest.mark.parametrize(
    ("markup", "error"),
    [
        (keyboard(text="x", callback_data="d" * 65), "BUTTON_DATA_INVALID"),
        (keyboard(text="x", callback_data="é" * 33), "BUTTON_DATA_INVALID"),
        ({"inline_keyboard": [[{"text": "x", "callback_data": ""}]]}, "BUTTON_DATA_INVALID"),
        ({"inline_keyboard": [[{"text": "", "callback_data": "d"}]]}, "text buttons are unallowed"),
        ({"inline_keyboard": [[{"text": "x"}]]}, "text buttons are unallowed"),
        ({"inline_keyboard": [[{"text": "x", "callback_data": "d", "url": "https://e.org"}]]}, "inline keyboard"),
    ],
)
async def test_keyboard_refusals(bot: Bot, markup: object, error: str) -> None:
    with pytest.raises(BadRequest, match=refused(error)):
        await bot.send_message(USER, "text", reply_markup=markup)  # type: ignore[arg-type]


async def test_callback_data_of_64_bytes_is_fine(bot: Bot) -> None:
    await bot.send_message(USER, "text", reply_markup=keyboard(text="x", callback_data="é" * 32))


async def test_edit_message(bot: Bot, fake: FakeBotApi) -> None:
    sent = await bot.send_message(USER, "one", reply_markup=keyboard(text="x", callback_data="d"))
    with pytest.raises(BadRequest, match=refused("message is not modified")):
        await bot.edit_message_text(" one\n", USER, sent.message_id, reply_markup=sent.reply_markup)
    italic = await bot.edit_message_text("<i>one</i>", USER, sent.message_id, parse_mode="HTML")
    assert italic.text == "one" and italic.entities[0].type == "italic" and italic.reply_markup is None
    edited = await bot.edit_message_text("two", USER, sent.message_id, reply_markup=sent.reply_markup)
    assert isinstance(edited, Message) and edited.text == "two" and edited.edit_date is not None
    assert edited.entities == () and edited.reply_markup == sent.reply_markup
    removed = await bot.edit_message_reply_markup(USER, sent.message_id)
    assert isinstance(removed, Message) and removed.reply_markup is None and removed.text == "two"
    with pytest.raises(BadRequest, match=refused("message is not modified")):
        await bot.edit_message_text("two", USER, sent.message_id)
    with pytest.raises(BadRequest, match=refused("not found")):
        await bot.edit_message_text("x", USER, 999)
    with pytest.raises(BadRequest, match=refused("can't parse entities")):
        await bot.edit_message_text("<b>x", USER, sent.message_id, parse_mode="HTML")
    assert [c.method for c in fake.sent_to(USER)] == ["sendMessage", "editMessageText", "editMessageText"]


async def test_get_updates_parses_updates(bot: Bot, fake: FakeBotApi) -> None:
    await bot.send_message(USER, "menu", reply_markup=keyboard(text="x", callback_data="d"))
    pushed = [
        fake.push_message(USER, "hello", language_code="uk"),
        fake.push_command(USER, "start", "deep"),
        fake.push_callback(USER, "topic:7"),
        fake.push_inline_query(USER, "visa", language_code=None),
    ]
    updates = await bot.get_updates(timeout=5)
    assert all(isinstance(u, Update) for u in updates)
    assert [u.update_id for u in updates] == [p["update_id"] for p in pushed] == [1, 2, 3, 4]
    message, command, callback, inline = updates
    assert message.message and message.message.text == "hello" and message.effective_user
    assert message.effective_user.language_code == "uk"
    assert command.message and command.message.text == "/start deep"
    assert command.message.parse_entities() and list(command.message.parse_entities().values()) == ["/start"]
    assert callback.callback_query and callback.callback_query.data == "topic:7"
    assert isinstance(callback.callback_query.message, Message) and callback.callback_query.message.text == "menu"
    assert inline.inline_query and inline.inline_query.query == "visa"
    assert inline.inline_query.from_user.language_code is None
    await callback.callback_query.answer("done")
    await inline.inline_query.answer(
        [InlineQueryResultArticle("r1", "Visa", InputTextMessageContent("<b>v</b>", "HTML"))]
    )
    assert fake.wait_for("answerCallbackQuery")[0].params["text"] == "done"
    assert fake.wait_for("answerInlineQuery")[0].params["results"][0]["id"] == "r1"


async def test_offset_drops_acknowledged_updates(bot: Bot, fake: FakeBotApi) -> None:
    for text in ("a", "b", "c"):
        fake.push_message(USER, text)
    assert [u.update_id for u in await bot.get_updates()] == [1, 2, 3]
    assert [u.update_id for u in await bot.get_updates(offset=3)] == [3]
    assert await bot.get_updates(offset=4, timeout=0) == ()


async def test_long_polling_waits_for_an_update(bot: Bot, fake: FakeBotApi) -> None:
    loop = asyncio.get_running_loop()
    loop.call_later(0.2, fake.push_message, USER, "late")
    started = loop.time()
    updates = await bot.get_updates(timeout=30)
    assert [u.message.text for u in updates if u.message] == ["late"]
    assert loop.time() - started < 1.5
    started = loop.time()
    assert await bot.get_updates(offset=2, timeout=30) == ()  # capped at about one second
    assert loop.time() - started < 2


async def test_answer_inline_query_refusals(bot: Bot, fake: FakeBotApi) -> None:
    with pytest.raises(BadRequest, match=refused("query ID is invalid")):
        await bot.answer_inline_query("iq-unknown", [])

    def article(result_id: str, text: str) -> InlineQueryResultArticle:
        return InlineQueryResultArticle(result_id, "t", InputTextMessageContent(text, parse_mode="HTML"))

    for results, error in [
        ([article("a", "<b>x"), article("b", "ok")], "can't parse entities"),
        ([article("a", "x" * 4097)], "message is too long"),
        ([article("a", " ")], "message text is empty"),
        ([article("a", "x"), article("a", "y")], "RESULT_ID_DUPLICATE"),
        ([article("a" * 65, "x")], "RESULT_ID_INVALID"),
    ]:
        query_id = fake.push_inline_query(USER, "q")["inline_query"]["id"]
        with pytest.raises(BadRequest, match=refused(error)):
            await bot.answer_inline_query(query_id, results)


async def test_fail_next_raises_retry_after(bot: Bot, fake: FakeBotApi, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")  # else PTB 22 warns on every RetryAfter (int retry_after is deprecated)
    fake.fail_next("sendMessage", retry_after=3, times=2)
    for _ in range(2):
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(USER, "hi")
        assert caught.value.retry_after == dt.timedelta(seconds=3)
    assert (await bot.send_message(USER, "hi")).text == "hi"
    assert [c.ok for c in fake.calls if c.method == "sendMessage"] == [False, False, True]
    assert fake.wait_for("sendMessage", chat_id=USER)[0].params["text"] == "hi"


async def test_unknown_method_and_wait_for_timeout(bot: Bot, fake: FakeBotApi) -> None:
    with pytest.raises(EndPointNotFound):  # PTB turns the 404 into EndPointNotFound for do_api_request
        await bot.do_api_request("sendTelepathy", {"chat_id": USER})
    await bot.send_chat_action(USER, "typing")
    with pytest.raises(TimeoutError, match="sendTelepathy REFUSED"):
        fake.wait_for("sendMessage", timeout=0.1)
    fake.reset()
    assert fake.calls == []


async def test_bot_commands_webhook_and_delete(bot: Bot, fake: FakeBotApi) -> None:
    await bot.set_my_commands([("start", "Start"), ("help", "Help")])
    assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert (await bot.get_webhook_info()).url == ""
    sent = await bot.send_message(USER, "bye")
    assert await bot.delete_message(USER, sent.message_id)
    with pytest.raises(BadRequest, match=refused("message to delete not found")):
        await bot.delete_message(USER, sent.message_id)


def test_parse_body_formats() -> None:
    form = b"chat_id=5&text=123&reply_markup=%7B%22inline_keyboard%22%3A+%5B%5D%7D&disable_notification=true"
    assert parse_body("application/x-www-form-urlencoded", form) == {
        "chat_id": 5,
        "text": "123",
        "reply_markup": {"inline_keyboard": []},
        "disable_notification": True,
    }
    assert parse_body("application/json", b'{"chat_id": "@chan", "results": "[1]"}') == {
        "chat_id": "@chan",
        "results": [1],
    }
    boundary = "XyZ"
    multipart = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="chat_id"\r\n\r\n7\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="document"; filename="a.txt"\r\n'
        f"Content-Type: text/plain\r\n\r\nabc\r\n--{boundary}--\r\n"
    ).encode()
    parsed = parse_body(f"multipart/form-data; boundary={boundary}", multipart)
    assert parsed == {"chat_id": 7, "document": {"filename": "a.txt", "data": b"abc"}}


async def test_multipart_upload_is_parsed(bot: Bot, fake: FakeBotApi) -> None:
    with pytest.raises(InvalidToken):  # sendDocument is not implemented, but the request is recorded
        await bot.send_document(USER, io.BytesIO(b"abc"), filename="a.txt", caption="true")
    params = fake.calls[-1].params
    assert params["caption"] == "true" and params["chat_id"] == USER
    assert params["document"] == {"filename": "a.txt", "data": b"abc"}


async def test_application_polls_and_replies(fake: FakeBotApi) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        keys = InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data="go")]])
        await update.effective_message.reply_html(f"<b>Hi</b> {' '.join(context.args or [])}", reply_markup=keys)

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.callback_query is not None
        await update.callback_query.answer()
        await update.callback_query.edit_message_text(f"pressed {update.callback_query.data}")

    app = ApplicationBuilder().token(fake.token).base_url(fake.base_url).build()
    app.add_handlers([CommandHandler("start", start), CallbackQueryHandler(pressed)])
    fake.push_command(USER, "start", "there")
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        try:
            (sent,) = await fake.wait_for_async("sendMessage", chat_id=USER)
            assert sent.result["text"] == "Hi there"
            fake.push_callback(USER, "go")
            (edit,) = await fake.wait_for_async("editMessageText", chat_id=USER)
            assert edit.params["message_id"] == sent.result["message_id"] and edit.result["text"] == "pressed go"
            await fake.wait_for_async("answerCallbackQuery")
        finally:
            await app.updater.stop()
            await app.stop()
    assert [c.method for c in fake.sent_to(USER)] == ["sendMessage", "editMessageText"]

"""Render core replies for Telegram: HTML text, inline keyboards, split at 4096 characters."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from functools import partial
from typing import TypeVar

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import ContextTypes

from bot.replies import Reply
from bot.replies.split import split_reply

log = logging.getLogger(__name__)
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
ATTEMPTS = 5
FIRST_BACKOFF = 0.5  # seconds, doubled after each network failure
T = TypeVar("T")


async def deliver(call: Callable[[], Awaitable[T]]) -> T:
    """Call the Bot API, waiting out 429 (RetryAfter) and retrying timeouts and dropped connections with
    backoff, so an answer is not lost. Refusals (BadRequest, Forbidden) are not retried."""
    backoff = FIRST_BACKOFF
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return await call()
        except RetryAfter as exc:
            wait = exc.retry_after.total_seconds() if isinstance(exc.retry_after, dt.timedelta) else exc.retry_after
            log.info("Telegram asked us to wait %.1f s (attempt %d)", wait, attempt)
            if attempt == ATTEMPTS:
                raise
            await asyncio.sleep(float(wait) + 0.1)
        except (BadRequest, Forbidden):
            raise
        except (TimedOut, NetworkError) as exc:
            log.info("Bot API call failed (%s), retrying in %.1f s (attempt %d)", type(exc).__name__, backoff, attempt)
            if attempt == ATTEMPTS:
                raise
            await asyncio.sleep(backoff)
            backoff *= 2
    raise AssertionError("unreachable")


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(b.text, url=b.url) if b.url else InlineKeyboardButton(b.text, callback_data=b.data)
                for b in row
            ]
            for row in reply.buttons
            if row
        ]
    )


async def send(context: ContextTypes.DEFAULT_TYPE, chat_id: int, replies: list[Reply]) -> None:
    for reply in replies:
        for part in split_reply(reply):
            await deliver(partial(_send_part, context, chat_id, part))


async def _send_part(context: ContextTypes.DEFAULT_TYPE, chat_id: int, part: Reply) -> Message:
    return await context.bot.send_message(
        chat_id, part.html, parse_mode=ParseMode.HTML, reply_markup=keyboard(part), link_preview_options=NO_PREVIEW
    )


async def replace(context: ContextTypes.DEFAULT_TYPE, message: Message | None, replies: list[Reply]) -> None:
    """Show the replies in place of `message` (menus, card views) when they fit in one message."""
    if message is None or len(replies) != 1 or len(split_reply(replies[0])) != 1:
        if message is not None:
            await send(context, message.chat_id, replies)
        return
    reply = replies[0]
    try:
        await deliver(
            lambda: message.edit_text(
                reply.html, parse_mode=ParseMode.HTML, reply_markup=keyboard(reply), link_preview_options=NO_PREVIEW
            )
        )
    except BadRequest as exc:
        if "not modified" in str(exc).lower():
            return
        log.info("could not edit a message (%s); sending a new one", exc)
        await send(context, message.chat_id, replies)

"""Render core replies for Telegram: HTML text, inline keyboards, split at 4096 characters.

Retries are not done here: every Bot API call passes through the outbox (bot/telegram/outbox.py), the one retry
layer.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, MaybeInaccessibleMessage
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import ExtBot

from bot.replies import Reply
from bot.replies.split import split_reply
from bot.telegram.outbox import describe, urgent

log = logging.getLogger(__name__)
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
TOAST_CHARACTERS = 190  # Telegram shows at most 200 characters over the chat


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


async def send(bot: ExtBot[Any], chat_id: int, reply: Reply, *, is_urgent: bool = False) -> None:
    for part in split_reply(reply):
        await bot.send_message(
            chat_id,
            part.html,
            parse_mode=ParseMode.HTML,
            reply_markup=keyboard(part),
            link_preview_options=NO_PREVIEW,
            rate_limit_args=urgent() if is_urgent else None,
        )


async def send_image(bot: ExtBot[Any], chat_id: int, png: bytes, caption: Reply) -> None:
    """A photo (a QR code) with a short HTML caption."""
    await bot.send_photo(chat_id, png, caption=caption.html, parse_mode=ParseMode.HTML, reply_markup=keyboard(caption))


async def replace(bot: ExtBot[Any], message: MaybeInaccessibleMessage | None, chat_id: int, reply: Reply) -> None:
    """Show `reply` in place of `message` (menus, card views) when it fits in one message; else send it anew."""
    if message is None or not message.is_accessible or len(split_reply(reply)) != 1:
        await send(bot, chat_id, reply)
        return
    try:
        await bot.edit_message_text(
            reply.html,
            chat_id=message.chat.id,
            message_id=message.message_id,
            parse_mode=ParseMode.HTML,
            reply_markup=keyboard(reply),
            link_preview_options=NO_PREVIEW,
        )
    except BadRequest as exc:
        if "not modified" in exc.message.lower():
            return
        log.info("could not edit a message (%s); sending a new one", describe(exc))
        await send(bot, chat_id, reply)


async def toast(bot: ExtBot[Any], query_id: str, text: str | None = None) -> bool:
    """Answer a button press: clears the spinner, and shows `text` over the chat. Never raises."""
    try:
        await bot.answer_callback_query(query_id, text=text[:TOAST_CHARACTERS] if text else None)
        return True
    except Exception as exc:
        log.info("could not answer a button press (%s)", describe(exc))
        return False

"""Render core replies for Telegram: HTML text, inline keyboards, split at 4096 characters."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.replies import Reply
from bot.replies.split import split_reply

log = logging.getLogger(__name__)
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


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
            await context.bot.send_message(
                chat_id,
                part.html,
                parse_mode=ParseMode.HTML,
                reply_markup=keyboard(part),
                link_preview_options=NO_PREVIEW,
            )


async def replace(context: ContextTypes.DEFAULT_TYPE, message: Message | None, replies: list[Reply]) -> None:
    """Show the replies in place of `message` (menus, card views) when they fit in one message."""
    if message is None or len(replies) != 1 or len(split_reply(replies[0])) != 1:
        if message is not None:
            await send(context, message.chat_id, replies)
        return
    reply = replies[0]
    try:
        await message.edit_text(
            reply.html, parse_mode=ParseMode.HTML, reply_markup=keyboard(reply), link_preview_options=NO_PREVIEW
        )
    except BadRequest as exc:
        if "not modified" in str(exc).lower():
            return
        log.info("could not edit a message (%s); sending a new one", exc)
        await send(context, message.chat_id, replies)

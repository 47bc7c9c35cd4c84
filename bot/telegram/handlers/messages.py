"""A question typed in the chat: crisis first, then the matched card, a greeting, or an honest "no match"."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.telegram.handlers.guard import admitted
from bot.telegram.render import send
from bot.telegram.services import services


async def on_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None:
        return
    svc = services(context)
    profile = await svc.profile(user)
    if not await admitted(context, svc, user, message.chat_id, profile):
        return
    text = message.text or message.caption or ""
    outcome = svc.core.conversation.on_text(profile, text)
    await svc.remember(user, profile, outcome, text)  # saved before answering: the next message sees the change
    await send(context, message.chat_id, outcome.replies)

"""A question typed in the chat: crisis first, then the matched card, a greeting, or an honest "no match"."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.conversation import MAX_MESSAGE
from bot.telegram.perform import Target, perform
from bot.telegram.services import services


async def on_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None:
        return
    text = (message.text or message.caption or "")[:MAX_MESSAGE]  # cut before any work
    svc = services(context)
    profile = await svc.profile(user)
    conversation = svc.core.conversation
    key = svc.key(user) if user else None
    async with svc.turns.turn(urgent=conversation.urgent(text)):
        outcome = conversation.on_text(profile, text, key)
    await perform(context.bot, svc, key, Target(message.chat_id), outcome)


async def on_other_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Voice, photo without caption, sticker, location, contact, document, video: the bot can only read text."""
    message, user = update.effective_message, update.effective_user
    if message is None:
        return
    svc = services(context)
    outcome = svc.core.conversation.on_other(await svc.profile(user))
    await perform(context.bot, svc, svc.key(user) if user else None, Target(message.chat_id), outcome)

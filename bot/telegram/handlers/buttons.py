"""Button presses: topics, card views, contacts, another language, language/role choice, feedback. The core
decides which reply replaces the message, which is sent anew and which is a toast."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.telegram.perform import Target, perform
from bot.telegram.services import services


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query, user = update.callback_query, update.effective_user
    if query is None:
        return
    svc = services(context)
    profile = await svc.profile(user)
    outcome = svc.core.conversation.on_button(profile, query.data or "", context.bot.username)
    chat_id = query.message.chat.id if query.message is not None else (user.id if user else None)
    if chat_id is None:
        return
    await perform(context.bot, svc, svc.key(user) if user else None, Target(chat_id, query), outcome)

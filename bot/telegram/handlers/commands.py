"""Slash commands: /start, /help, /topics, /contacts [name], /language, /role, /area, /checklist, /privacy,
/forget. The admin commands (/reload, /insights, /unanswered) are in handlers/admin.py."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.conversation import MAX_MESSAGE
from bot.telegram.perform import Target, perform
from bot.telegram.services import services

COMMANDS = ("start", "help", "topics", "contacts", "language", "role", "area", "checklist", "privacy", "forget")


async def on_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or message.text is None:
        return
    text = message.text[:MAX_MESSAGE]
    head, _, argument = text.partition(" ")
    name = head.lstrip("/").split("@")[0].lower()
    svc = services(context)
    profile = await svc.profile(user)
    key = svc.key(user) if user else None
    outcome = svc.core.conversation.on_command(profile, name, argument.strip(), svc.settings.unanswered_log_days, key)
    await perform(context.bot, svc, key, Target(message.chat_id), outcome)

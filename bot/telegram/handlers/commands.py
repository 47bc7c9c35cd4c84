"""Slash commands: /start, /help, /topics, /contacts [name], /language, /role, /privacy, /forget."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.telegram.render import send
from bot.telegram.services import services

COMMANDS = ("start", "help", "topics", "contacts", "language", "role", "privacy", "forget")


async def on_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or message.text is None:
        return
    name = message.text.split()[0].lstrip("/").split("@")[0].lower()
    argument = " ".join(context.args or [])
    svc = services(context)
    profile = await svc.profile(user)
    outcome = svc.core.conversation.on_command(profile, name, argument)
    await svc.remember(user, profile, outcome)  # saved before answering: the next message sees the change
    await send(context, message.chat_id, outcome.replies)

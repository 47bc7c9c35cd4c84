"""Slash commands: /start, /help, /topics, /contacts [name], /language, /role, /area, /checklist, /privacy, /forget;
and, for
admins only, /unanswered (what people asked that we could not answer)."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ContextTypes

from bot.replies import menus
from bot.telegram.handlers.guard import admitted
from bot.telegram.render import send
from bot.telegram.services import services

log = logging.getLogger(__name__)
COMMANDS = (
    "start", "help", "topics", "contacts", "language", "role", "area", "checklist", "privacy", "forget", "unanswered",
)  # fmt: skip


async def on_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or message.text is None:
        return
    name = message.text.split()[0].lstrip("/").split("@")[0].lower()
    argument = " ".join(context.args or [])
    svc = services(context)
    profile = await svc.profile(user)
    if not await admitted(context, svc, user, message.chat_id, profile):
        return
    if name == "unanswered" and svc.is_admin(user):
        ctx = svc.core.conversation.context(profile.ui_lang, None)
        rows = await svc.store.unanswered()
        counts = await svc.store.no_match_counts()
        await send(
            context, message.chat_id, [menus.unanswered_report(ctx, rows, counts, svc.settings.unanswered_log_days)]
        )
        return
    outcome = svc.core.conversation.on_command(profile, name, argument, svc.settings.unanswered_log_days)
    await svc.remember(user, profile, outcome)  # saved before answering: the next message sees the change
    await send(context, message.chat_id, outcome.replies)

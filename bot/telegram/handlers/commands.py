"""Slash commands: /start, /help, /topics, /contacts [name], /language, /role, /privacy, /forget; and, for
admins only and only in their private chat with the bot, /unanswered (what people asked that we could not
answer)."""

from __future__ import annotations

import asyncio
import logging

from telegram import Update
from telegram.ext import ContextTypes

from bot.conversation import MAX_MESSAGE, Outcome, Profile
from bot.effects import Send
from bot.replies import menus
from bot.telegram.perform import Target, perform
from bot.telegram.services import Services, services

log = logging.getLogger(__name__)
COMMANDS = ("start", "help", "topics", "contacts", "language", "role", "privacy", "forget", "unanswered")


async def on_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or message.text is None:
        return
    text = message.text[:MAX_MESSAGE]
    head, _, argument = text.partition(" ")
    name = head.lstrip("/").split("@")[0].lower()
    svc = services(context)
    profile = await svc.profile(user)
    if name == "unanswered" and svc.is_admin_here(user, update.effective_chat):
        outcome = await _unanswered_report(svc, profile)
    else:
        outcome = svc.core.conversation.on_command(profile, name, argument.strip(), svc.settings.unanswered_log_days)
    await perform(context.bot, svc, svc.key(user) if user else None, Target(message.chat_id), outcome)


async def _unanswered_report(svc: Services, profile: Profile) -> Outcome:
    ctx = svc.core.conversation.context(profile.ui_lang, None)
    try:
        async with asyncio.timeout(2 * (svc.store.timeout + 1)):
            rows = await svc.store.unanswered()
            counts = await svc.store.no_match_counts()
    except Exception as exc:
        log.warning("could not read the unanswered-questions log (%s)", type(exc).__name__)
        return svc.core.conversation.failure(profile)
    report = menus.unanswered_report(ctx, rows, counts, svc.settings.unanswered_log_days)
    return Outcome((Send(report),), profile, lang=ctx.lang)

"""When a handler fails: log it (never the message text or who sent it) and tell the person, not silence."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ContextTypes

from bot.conversation import Profile
from bot.replies import menus
from bot.telegram.render import send
from bot.telegram.services import services

log = logging.getLogger(__name__)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    error = context.error
    log.error("a handler failed: %s", type(error).__name__, exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    try:
        user = update.effective_user
        svc = services(context)
        profile = Profile(client_lang=user.language_code if user else None)
        ctx = svc.core.conversation.context(profile.ui_lang, None)
        await send(context, update.effective_chat.id, [menus.error(ctx)])
    except Exception as exc:  # the apology itself failed: nothing more we can do but log
        log.error("could not tell the user about the failure: %s", type(exc).__name__)

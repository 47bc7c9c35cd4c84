"""When a handler fails: log it (never the message text or who sent it) and tell the person, not silence."""

from __future__ import annotations

import logging
import traceback

from telegram import Update
from telegram.ext import ContextTypes

from bot.conversation import Profile
from bot.telegram.outbox import describe
from bot.telegram.perform import Target, perform
from bot.telegram.services import services

log = logging.getLogger(__name__)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    error = context.error
    # the frames only: an exception's message may quote what a person sent
    frames = "".join(traceback.format_tb(error.__traceback__)) if error is not None else ""
    log.error("a handler failed: %s\n%s", describe(error) if error is not None else "unknown", frames.rstrip())
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    try:
        user = update.effective_user
        svc = services(context)
        outcome = svc.core.conversation.failure(Profile(client_lang=user.language_code if user else None))
        await perform(context.bot, svc, None, Target(update.effective_chat.id, update.callback_query), outcome)
    except Exception as exc:  # the apology itself failed: nothing more we can do but log
        log.error("could not tell the user about the failure: %s", type(exc).__name__)

"""A question typed in the chat: crisis first, then the matched card, a greeting, or an honest "no match"."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.flood import Verdict
from bot.replies import menus
from bot.telegram.render import send
from bot.telegram.services import services


async def on_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None:
        return
    svc = services(context)
    profile = await svc.profile(user)
    verdict = svc.flood_check(user)
    if verdict is not Verdict.ANSWER:
        if verdict is Verdict.WARN:
            await send(
                context, message.chat_id, [menus.slow_down(svc.core.conversation.context(profile.ui_lang, None))]
            )
        return
    text = message.text or message.caption or ""
    outcome = svc.core.conversation.on_text(profile, text)
    await svc.remember(user, profile, outcome, text)  # saved before answering: the next message sees the change
    await send(context, message.chat_id, outcome.replies)

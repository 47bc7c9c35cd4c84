"""One guard at the door for every kind of update (messages, commands, button presses, inline queries): over
the flood limit a person gets one "please slow down" (the core's words), then silence until the minute has
passed. Runs in an early handler group; stops the update there."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.flood import Verdict
from bot.telegram.perform import Target, perform
from bot.telegram.render import toast
from bot.telegram.services import services

GROUP = -1


async def guard(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if user is None:
        return
    svc = services(context)
    verdict = await svc.flood.verdict(svc.key(user))
    if verdict is Verdict.ANSWER:
        return
    if verdict is Verdict.WARN:
        outcome = svc.core.conversation.slow_down(await svc.profile(user))
        if update.callback_query is not None:
            await toast(context.bot, update.callback_query.id, outcome.replies[0].text)
        elif update.inline_query is not None:
            await update.inline_query.answer([], cache_time=0, is_personal=True)
        elif update.effective_chat is not None:
            await perform(context.bot, svc, None, Target(update.effective_chat.id), outcome)
    raise ApplicationHandlerStop

"""Admin commands, only for an admin and only in their private chat with the bot: /reload (validate and swap in
the edited knowledge), /insights (what people ask, with charts) and /unanswered (what people asked that we could
not answer); and the reload notices every admin gets. Anyone else, or any other chat, gets what an unknown command
gets (the help reply). The guard (handlers/guard.py) has already let the update in, as for every update.

Admin texts are in English (like the command line), except the /unanswered report: they are not in the translation
catalogs.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram import Update
from telegram.ext import Application, ContextTypes

from bot.admin.charts import report_charts
from bot.admin.insights import gather_insights, summary_lines
from bot.app import PROJECT_ROOT
from bot.conversation import MAX_MESSAGE, Outcome, Profile
from bot.effects import Send
from bot.reload import Reloader, ReloadResult
from bot.replies import Reply, menus
from bot.replies.model import esc
from bot.telegram.handlers.commands import on_command
from bot.telegram.outbox import describe
from bot.telegram.perform import Target, perform
from bot.telegram.render import send
from bot.telegram.services import KEY, Services, outcome_decided, services
from bot.translations import coverage_report

log = logging.getLogger(__name__)
ADMIN_COMMANDS = ("reload", "insights", "unanswered")
INSIGHTS_DAYS = 30
INSIGHTS_TIMEOUT = 30.0  # seconds for the database to give the counts (an admin can wait; a person never does)
MAX_CAPTION = 1024


async def on_admin_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message, user, chat = update.effective_message, update.effective_user, update.effective_chat
    if message is None or message.text is None:
        return
    svc = services(context)
    if not svc.is_admin_here(user, chat):
        await on_command(update, context)  # not for this person or this chat: what any unknown command gets
        return
    assert user is not None
    head, _, argument = message.text[:MAX_MESSAGE].partition(" ")
    name = head.lstrip("/").split("@")[0].lower()
    profile = await svc.profile(user)
    if name == "reload":
        if svc.reloader is None:
            outcome = _said("Live reload is not running in this bot.", profile)
        else:
            svc.reloader.request("/reload", requested_by=message.chat_id)
            outcome = _said("Checking the knowledge and translation files…", profile)
    elif name == "insights":
        await send_insights(context, svc, message.chat_id, _days(argument.split()))
        return
    else:
        outcome = await _unanswered_report(svc, profile)
    await perform(context.bot, svc, None, Target(message.chat_id), outcome)


def _said(text: str, profile: Profile) -> Outcome:
    return Outcome((Send(Reply(esc(text))),), profile)


async def _unanswered_report(svc: Services, profile: Profile) -> Outcome:
    core = svc.core
    ctx = core.conversation.context(profile.ui_lang, None)
    try:
        async with asyncio.timeout(2 * (svc.store.timeout + 1)):
            rows = await svc.store.unanswered()
            counts = await svc.store.no_match_counts()
    except Exception as exc:
        log.warning("could not read the unanswered-questions log (%s)", type(exc).__name__)
        return core.conversation.failure(profile)
    report = menus.unanswered_report(ctx, rows, counts, svc.settings.unanswered_log_days)
    return Outcome((Send(report),), profile, lang=ctx.lang)


async def send_insights(context: ContextTypes.DEFAULT_TYPE, svc: Services, chat_id: int, days: int) -> None:
    """The summary as text, then each chart as a photo."""
    outcome_decided()  # what follows waits on the database and drawing: other updates go on meanwhile
    core = svc.core
    translations = await asyncio.to_thread(coverage_report, core.catalogs, PROJECT_ROOT, core.kb)
    try:
        async with asyncio.timeout(INSIGHTS_TIMEOUT):
            await svc.storage.flush()  # the counts still buffered are counted too (never raises)
            report = await gather_insights(svc.store, core.kb, translations, days, svc.settings.unanswered_log_days)
    except Exception as exc:  # the database is down: say so instead of going silent
        log.warning("insights: could not read the database (%s)", type(exc).__name__)
        await _send(context.bot, chat_id, Reply("The database cannot be read right now; try again later."))
        return
    if not await _send(context.bot, chat_id, Reply(esc("\n".join(summary_lines(report))))):
        return
    for chart in await asyncio.to_thread(report_charts, report):  # drawing takes CPU: not on the event loop
        try:
            await context.bot.send_photo(chat_id, photo=chart.png, caption=chart.title[:MAX_CAPTION])
        except Exception as exc:
            log.warning("could not send an insights chart (%s)", describe(exc))
            return


async def _send(bot: Any, chat_id: int, reply: Reply) -> bool:
    try:
        await send(bot, chat_id, reply)
        return True
    except Exception as exc:  # e.g. an admin who never opened a chat with the bot
        log.warning("could not send an admin message (%s)", describe(exc))
        return False


def connect_reloader(app: Application[Any, Any, Any, Any, Any, Any], reloader: Reloader) -> None:
    """Tell admins about reloads: problems to every admin; success to whoever asked, or to every admin when it
    fixes a broken edit. Called from the reloader's thread: the messages go through the bot's event loop."""
    loop = asyncio.get_running_loop()

    def listener(result: ReloadResult) -> None:
        asyncio.run_coroutine_threadsafe(_notify(app, result), loop)

    reloader.listeners.append(listener)


async def _notify(app: Application[Any, Any, Any, Any, Any, Any], result: ReloadResult) -> None:
    svc: Services = app.bot_data[KEY]
    asker = {result.requested_by} if result.requested_by is not None else set()
    targets = asker if result.ok and not result.recovered else set(svc.settings.admin_ids) | asker
    reply = Reply(esc(result.message()))
    for chat_id in sorted(targets):
        await _send(app.bot, chat_id, reply)


def _days(args: list[str]) -> int:
    if args and args[0].isdigit() and 0 < int(args[0]) <= 366:
        return int(args[0])
    return INSIGHTS_DAYS

"""Admin commands in a private chat: /reload (validate and swap in the edited knowledge) and /insights (what
people ask, with charts); and the reload notices every admin gets. Anyone else gets the usual help reply.

Admin texts are in English (like the command line): they are not in the translation catalogs.
"""

from __future__ import annotations

import asyncio
import logging
from functools import partial

from telegram import Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import Application, CallbackContext, ContextTypes

from bot.admin.charts import report_charts
from bot.admin.insights import gather_insights, summary_lines
from bot.app import PROJECT_ROOT
from bot.reload import Reloader, ReloadResult
from bot.replies import Reply
from bot.replies.model import esc
from bot.telegram.handlers.commands import on_command
from bot.telegram.handlers.guard import admitted
from bot.telegram.render import deliver, send
from bot.telegram.services import KEY, Services, services
from bot.translations import coverage_report

log = logging.getLogger(__name__)
ADMIN_COMMANDS = ("reload", "insights")
INSIGHTS_DAYS = 30
MAX_CAPTION = 1024


async def on_admin_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message, user, chat = update.effective_message, update.effective_user, update.effective_chat
    if message is None or message.text is None:
        return
    svc = services(context)
    if not svc.is_admin(user) or chat is None or chat.type != ChatType.PRIVATE:
        await on_command(update, context)  # not for this person or this chat: what any unknown command gets
        return
    assert user is not None
    if not await admitted(context, svc, user, message.chat_id, await svc.profile(user)):
        return
    name = message.text.split()[0].lstrip("/").split("@")[0].lower()
    if name == "reload":
        if svc.reloader is None:
            await send(context, message.chat_id, [Reply("Live reload is not running in this bot.")])
            return
        svc.reloader.request("/reload", requested_by=message.chat_id)
        await send(context, message.chat_id, [Reply("Checking the knowledge and translation files…")])
    else:
        await send_insights(context, svc, message.chat_id, _days(context.args))


async def send_insights(context: ContextTypes.DEFAULT_TYPE, svc: Services, chat_id: int, days: int) -> None:
    """The summary as text, then each chart as a photo."""
    core = svc.core
    translations = await asyncio.to_thread(coverage_report, core.catalogs, PROJECT_ROOT, core.kb)
    try:
        report = await gather_insights(svc.store, core.kb, translations, days, svc.settings.unanswered_log_days)
    except Exception as exc:  # the database is down: say so instead of going silent
        log.warning("insights: could not read the database (%s)", type(exc).__name__)
        await send(context, chat_id, [Reply("The database cannot be read right now; try again later.")])
        return
    await send(context, chat_id, [Reply(esc("\n".join(summary_lines(report))))])
    for chart in await asyncio.to_thread(report_charts, report):  # drawing takes CPU: not on the event loop
        await deliver(partial(context.bot.send_photo, chat_id, photo=chart.png, caption=chart.title[:MAX_CAPTION]))


def connect_reloader(app: Application, reloader: Reloader) -> None:  # type: ignore[type-arg]
    """Tell admins about reloads: problems to every admin; success to whoever asked, or to every admin when it
    fixes a broken edit. Called from the reloader's thread: the messages go through the bot's event loop."""
    loop = asyncio.get_running_loop()

    def listener(result: ReloadResult) -> None:
        asyncio.run_coroutine_threadsafe(_notify(app, result), loop)

    reloader.listeners.append(listener)


async def _notify(app: Application, result: ReloadResult) -> None:  # type: ignore[type-arg]
    svc: Services = app.bot_data[KEY]
    if result.ok and not result.recovered:
        targets = {result.requested_by} if result.requested_by is not None else set()
    else:
        targets = set(svc.settings.admin_ids) | ({result.requested_by} if result.requested_by is not None else set())
    reply = Reply(esc(result.message()))
    for chat_id in sorted(t for t in targets if t is not None):
        try:
            await send(CallbackContext(app), chat_id, [reply])
        except TelegramError as exc:  # e.g. an admin who never opened a chat with the bot
            log.warning("could not tell an admin about the reload (%s)", type(exc).__name__)


def _days(args: list[str] | None) -> int:
    if args and args[0].isdigit() and 0 < int(args[0]) <= 366:
        return int(args[0])
    return INSIGHTS_DAYS

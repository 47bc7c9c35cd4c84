"""Wire the Telegram application: handlers, rate limiter, error handler, storage; run polling or webhook."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import signal
from typing import Any

from telegram import BotCommand, Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackContext,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.app import Core
from bot.config import Settings
from bot.flood import FloodGate
from bot.reload import LiveCore, Reloader
from bot.store import Store
from bot.telegram.handlers.admin import ADMIN_COMMANDS, connect_reloader, on_admin_command
from bot.telegram.handlers.buttons import on_button
from bot.telegram.handlers.commands import COMMANDS, on_command
from bot.telegram.handlers.errors import on_error
from bot.telegram.handlers.inline import on_inline_query
from bot.telegram.handlers.messages import on_message
from bot.telegram.services import KEY, Services

log = logging.getLogger(__name__)
WEBHOOK_PATH = "telegram"
PURGE_EVERY_SECONDS = 6 * 3600


def build_application(
    settings: Settings,
    core: Core | LiveCore,
    store: Store,
    *,
    rate_limiter: bool = True,
    concurrent_updates: int | bool = True,
    reloader: Reloader | None = None,
) -> Application:
    """With a `reloader`, its live Core is served and edits are swapped in while running (bot/reload.py)."""
    builder = ApplicationBuilder().token(settings.token or "").post_init(_post_init).post_shutdown(_post_shutdown)
    if settings.api_base_url:
        builder = builder.base_url(settings.api_base_url)
    if rate_limiter:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))
    builder = builder.concurrent_updates(concurrent_updates)
    app = builder.build()
    live = reloader.live if reloader else core if isinstance(core, LiveCore) else LiveCore(core)
    app.bot_data[KEY] = Services(live, store, settings, FloodGate(settings.flood_limit), reloader)
    app.add_handler(CommandHandler(list(ADMIN_COMMANDS), on_admin_command))
    app.add_handler(CommandHandler(list(COMMANDS), on_command))
    app.add_handler(
        MessageHandler(filters.ChatType.PRIVATE & ~filters.COMMAND & (filters.TEXT | filters.CAPTION), on_message)
    )
    app.add_handler(MessageHandler(filters.ChatType.PRIVATE & filters.COMMAND, on_command))
    app.add_handler(CallbackQueryHandler(on_button))
    app.add_handler(InlineQueryHandler(on_inline_query))
    app.add_error_handler(on_error)
    return app


async def _post_init(app: Application) -> None:
    svc: Services = app.bot_data[KEY]
    try:
        await svc.store.migrate()
    except Exception as exc:
        log.warning("the database is not reachable (%s): answering without saved preferences", type(exc).__name__)
    if svc.reloader is not None:
        connect_reloader(app, svc.reloader)
        svc.reloader.start()
    if svc.settings.unanswered_log_days and app.job_queue is not None:
        # unanswered questions are deleted after the set number of days, even when no new ones come in
        app.job_queue.run_repeating(_purge_unanswered, interval=PURGE_EVERY_SECONDS, first=1)
    ui = svc.core.catalogs.translator("en")
    await app.bot.set_my_commands(
        [
            BotCommand("start", ui.gettext("Start again")),
            BotCommand("topics", ui.gettext("browse the topics")),
            BotCommand("contacts", ui.gettext("the contacts directory; add a name to search")),
            BotCommand("language", ui.gettext("change the language")),
            BotCommand("role", ui.gettext("staff or migrant view")),
            BotCommand("area", ui.gettext("choose your area for local information")),
            BotCommand("checklist", ui.gettext("the council checklist, for staff")),
            BotCommand("help", ui.gettext("How to use this bot")),
            BotCommand("privacy", ui.gettext("what we store and why")),
            BotCommand("forget", ui.gettext("delete everything we store about you")),
        ]
    )


async def _purge_unanswered(context: CallbackContext) -> None:  # type: ignore[type-arg]
    svc: Services = context.application.bot_data[KEY]
    try:
        removed = await svc.store.purge_unanswered(svc.settings.unanswered_log_days)
        if removed:
            log.info("deleted %d unanswered question(s) past their keeping time", removed)
    except Exception as exc:
        log.warning("could not purge the unanswered-questions log (%s); will try again", type(exc).__name__)


async def _post_shutdown(app: Application) -> None:
    svc: Services = app.bot_data[KEY]
    if svc.reloader is not None:
        svc.reloader.stop()
    await svc.store.close()


def _with_sighup(reloader: Reloader, then: Any) -> Any:
    async def post_init(app: Application) -> None:  # type: ignore[type-arg]
        await then(app)
        try:  # in the event loop, not in a signal handler: request() is then free to take locks
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, reloader.request, "SIGHUP")
        except (NotImplementedError, AttributeError, ValueError, RuntimeError):  # no SIGHUP (Windows)
            log.info("SIGHUP is not available here: edits are picked up by the file watcher and /reload")

    return post_init


def webhook_options(settings: Settings) -> dict[str, Any]:
    """Where the webhook listens and what Telegram is told; the secret header proves a request is Telegram's."""
    assert settings.webhook_url and settings.token
    secret = hashlib.sha256(b"webhook:" + settings.token.encode()).hexdigest()[:48]
    return {
        "listen": settings.webhook_listen,
        "port": settings.webhook_port,
        "url_path": WEBHOOK_PATH,
        "webhook_url": f"{settings.webhook_url.rstrip('/')}/{WEBHOOK_PATH}",
        "secret_token": secret,
        "allowed_updates": Update.ALL_TYPES,
    }


def run(settings: Settings, core: Core, reloader: Reloader | None = None) -> None:
    """Long polling, or a webhook when WEBHOOK_URL is set (production). SIGHUP reloads the knowledge."""
    app = build_application(settings, core, Store(settings.database_url), reloader=reloader)
    if reloader is not None:
        app.post_init = _with_sighup(reloader, app.post_init)
    if settings.webhook_url:
        app.run_webhook(**webhook_options(settings))
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES)

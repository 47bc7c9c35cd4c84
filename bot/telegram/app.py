"""Wire the Telegram application: handlers, rate limiter, error handler, storage; run polling or webhook."""

from __future__ import annotations

import logging

from telegram import BotCommand, Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.app import Core
from bot.config import Settings
from bot.flood import FloodGate
from bot.store import Store
from bot.telegram.handlers.buttons import on_button
from bot.telegram.handlers.commands import COMMANDS, on_command
from bot.telegram.handlers.errors import on_error
from bot.telegram.handlers.inline import on_inline_query
from bot.telegram.handlers.messages import on_message
from bot.telegram.services import KEY, Services

log = logging.getLogger(__name__)


def build_application(
    settings: Settings, core: Core, store: Store, *, rate_limiter: bool = True, concurrent_updates: int | bool = True
) -> Application:
    builder = ApplicationBuilder().token(settings.token or "").post_init(_post_init).post_shutdown(_post_shutdown)
    if settings.api_base_url:
        builder = builder.base_url(settings.api_base_url)
    if rate_limiter:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))
    builder = builder.concurrent_updates(concurrent_updates)
    app = builder.build()
    app.bot_data[KEY] = Services(core, store, settings, FloodGate(settings.flood_limit))
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
    ui = svc.core.catalogs.translator("en")
    await app.bot.set_my_commands(
        [
            BotCommand("start", ui.gettext("Start again")),
            BotCommand("topics", ui.gettext("browse the topics")),
            BotCommand("contacts", ui.gettext("the contacts directory; add a name to search")),
            BotCommand("language", ui.gettext("change the language")),
            BotCommand("role", ui.gettext("staff or migrant view")),
            BotCommand("help", ui.gettext("How to use this bot")),
            BotCommand("privacy", ui.gettext("what we store and why")),
            BotCommand("forget", ui.gettext("delete everything we store about you")),
        ]
    )


async def _post_shutdown(app: Application) -> None:
    svc: Services = app.bot_data[KEY]
    await svc.store.close()


def run(settings: Settings, core: Core) -> None:
    """Long polling, or a webhook when WEBHOOK_URL is set (production)."""
    app = build_application(settings, core, Store(settings.database_url))
    if settings.webhook_url:
        path = "telegram"
        app.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=path,
            webhook_url=f"{settings.webhook_url.rstrip('/')}/{path}",
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES)

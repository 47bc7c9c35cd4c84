"""Wire the Telegram application: the guard, handlers, the outbox (throttle and retries), error handler, storage;
run polling or webhook.

Start-up never waits on anything optional: the database schema is migrated in the background (the bot answers
with defaults meanwhile) and the command menu is set in the background (a failure there is only logged). Only
reaching Telegram itself (getMe) is needed, and it is retried through the outbox; a refused token stops the bot
with one line that does not show the token.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from typing import Any

from telegram import BotCommand, Update
from telegram.error import InvalidToken, NetworkError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackContext,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest

from bot.app import Core
from bot.config import Settings
from bot.flood import FloodGate, FloodGuard, RedisFloodGate
from bot.reload import LiveCore, Reloader
from bot.store import Store
from bot.store.cache import MemoryCache, PreferenceCache, RedisCache
from bot.store.storage import Storage
from bot.telegram.handlers.admin import ADMIN_COMMANDS, connect_reloader, on_admin_command
from bot.telegram.handlers.buttons import on_button
from bot.telegram.handlers.commands import COMMANDS, on_command
from bot.telegram.handlers.errors import on_error
from bot.telegram.handlers.guard import GROUP, guard
from bot.telegram.handlers.inline import on_inline_query
from bot.telegram.handlers.messages import on_message, on_other_message
from bot.telegram.outbox import Outbox, describe
from bot.telegram.services import KEY, Progress, Services

log = logging.getLogger(__name__)
WEBHOOK_PATH = "telegram"
PURGE_EVERY_SECONDS = 6 * 3600
TELEGRAM_PER_SECOND = 30.0
SEND_TIMEOUT = 10.0  # seconds to wait for Telegram's answer to a call (its default is 5)
CONCURRENT_UPDATES = 256  # updates being worked on (matching) at once
MAX_IN_FLIGHT = 4096  # updates in the bot in all, most of them waiting for their turn to send
App = Application[Any, Any, Any, Any, Any, Any]


def build_application(
    settings: Settings,
    core: Core | LiveCore,
    store: Store | None = None,
    *,
    telegram_limit: bool = True,
    concurrent_updates: int | bool = True,
    requests: tuple[BaseRequest, BaseRequest] | None = None,
    reloader: Reloader | None = None,
) -> App:
    """`telegram_limit`: keep to Telegram's 30 messages a second (off only in tests and benchmarks of the bot's
    own speed). `requests`: python-telegram-bot's request layer for calls and for getUpdates (tests plug a fake
    in; by default HTTP with the timeouts below). With a `reloader`, its live Core is served and edits are swapped
    in while running (bot/reload.py)."""
    store = store or Store(settings.database_url, settings.database_timeout)
    redis = _redis(settings.redis_url)
    cache: PreferenceCache = RedisCache(redis) if redis is not None else MemoryCache()
    flood: FloodGuard = (
        RedisFloodGate(redis, settings.flood_limit) if redis is not None else FloodGate(settings.flood_limit)
    )
    storage = Storage(store, cache, keep_unanswered_days=settings.unanswered_log_days)
    workers = CONCURRENT_UPDATES if concurrent_updates is True else max(1, int(concurrent_updates))
    # one at a time means one at a time, sends included; otherwise up to MAX_IN_FLIGHT wait on Telegram
    progress = Progress(workers, max_in_flight=1 if concurrent_updates is False else MAX_IN_FLIGHT)
    outbox = Outbox(TELEGRAM_PER_SECOND if telegram_limit else None, patience=settings.telegram_patience)
    builder = (
        ApplicationBuilder()
        .token(settings.token or "")
        .rate_limiter(outbox)
        .concurrent_updates(progress)
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if requests is None:
        builder = builder.read_timeout(SEND_TIMEOUT).write_timeout(SEND_TIMEOUT)
    else:
        builder = builder.request(requests[0]).get_updates_request(requests[1])
    if settings.api_base_url:
        builder = builder.base_url(settings.api_base_url)
    app: App = builder.build()
    live = reloader.live if reloader else core if isinstance(core, LiveCore) else LiveCore(core)
    app.bot_data[KEY] = Services(live, settings, store, storage, flood, progress, reloader)
    app.bot_data["redis"] = redis
    app.add_handler(TypeHandler(Update, guard), group=GROUP)
    app.add_handler(CommandHandler(list(ADMIN_COMMANDS), on_admin_command))
    app.add_handler(CommandHandler(list(COMMANDS), on_command))
    app.add_handler(
        MessageHandler(filters.ChatType.PRIVATE & ~filters.COMMAND & (filters.TEXT | filters.CAPTION), on_message)
    )
    app.add_handler(MessageHandler(filters.ChatType.PRIVATE & filters.COMMAND, on_command))
    not_text = (
        filters.VOICE | filters.AUDIO | filters.PHOTO | filters.Sticker.ALL | filters.LOCATION | filters.CONTACT
        | filters.Document.ALL | filters.VIDEO | filters.VIDEO_NOTE | filters.ANIMATION
    )  # fmt: skip
    app.add_handler(MessageHandler(filters.ChatType.PRIVATE & ~filters.CAPTION & not_text, on_other_message))
    app.add_handler(CallbackQueryHandler(on_button))
    app.add_handler(InlineQueryHandler(on_inline_query))
    app.add_error_handler(on_error)
    return app


def _redis(url: str | None) -> Any:
    if not url:
        return None
    from redis.asyncio import Redis

    # short timeouts: Redis being slow or down must never hold up an answer
    return Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5, health_check_interval=30)


async def _post_init(app: App) -> None:
    svc: Services = app.bot_data[KEY]
    svc.storage.start()  # migrates in the background: the bot answers (with defaults) meanwhile
    if svc.reloader is not None:
        connect_reloader(app, svc.reloader)
        svc.reloader.start()
    if svc.settings.unanswered_log_days and app.job_queue is not None:
        # unanswered questions are deleted after the set number of days, even when no new ones come in
        app.job_queue.run_repeating(_purge_unanswered, interval=PURGE_EVERY_SECONDS, first=1)
    # not app.create_task: the application is not running yet; kept in bot_data so it is not garbage-collected
    app.bot_data["set-commands"] = asyncio.create_task(_set_commands(app), name="set-commands")


async def _set_commands(app: App) -> None:
    """The command menu in Telegram's clients: nice to have, never a reason to stop."""
    svc: Services = app.bot_data[KEY]
    ui = svc.core.catalogs.translator("en")
    commands = [
        BotCommand("start", ui.gettext("Start again")),
        BotCommand("topics", ui.gettext("browse the topics")),
        BotCommand("contacts", ui.gettext("the contacts directory; add a name to search")),
        BotCommand("language", ui.gettext("change the language")),
        BotCommand("role", ui.gettext("staff or migrant view")),
        BotCommand("area", ui.gettext("choose your area for local information")),
        BotCommand("checklist", ui.gettext("the council checklist, for staff")),
        BotCommand("help", ui.gettext("How to use this bot")),
        BotCommand("privacy", ui.gettext("what we store and why")),
        BotCommand("forget", ui.gettext("delete your saved language, role, area and feedback")),
    ]
    try:
        await app.bot.set_my_commands(commands)
    except Exception as exc:
        log.warning("could not set the command menu (%s); the bot works without it", describe(exc))


async def _purge_unanswered(context: CallbackContext) -> None:  # type: ignore[type-arg]
    svc: Services = context.application.bot_data[KEY]
    try:
        removed = await svc.store.purge_unanswered(svc.settings.unanswered_log_days)
        if removed:
            log.info("deleted %d unanswered question(s) past their keeping time", removed)
    except Exception as exc:
        log.warning("could not purge the unanswered-questions log (%s); will try again", type(exc).__name__)


async def _post_shutdown(app: App) -> None:
    svc: Services = app.bot_data[KEY]
    if svc.reloader is not None:
        await asyncio.to_thread(svc.reloader.stop)  # a reload in progress finishes first: not on the event loop
    task = app.bot_data.get("set-commands")
    if task is not None and not task.done():
        task.cancel()
    await svc.storage.close()  # writes what is buffered (bounded), then closes the database
    redis = app.bot_data.get("redis")
    if redis is not None:
        await redis.aclose()


def _with_sighup(reloader: Reloader, then: Any) -> Any:
    async def post_init(app: App) -> None:
        await then(app)
        try:  # in the event loop, not in a signal handler: request() is then free to take locks
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, reloader.request, "SIGHUP")
        except (NotImplementedError, AttributeError, ValueError, RuntimeError):  # no SIGHUP (Windows)
            log.info("SIGHUP is not available here: edits are picked up by the file watcher and /reload")

    return post_init


def webhook_options(settings: Settings) -> dict[str, Any]:
    """Where the webhook listens and what Telegram is told; the secret header proves a request is Telegram's."""
    assert settings.webhook_url and settings.token
    return {
        "listen": settings.webhook_listen,
        "port": settings.webhook_port,
        "url_path": WEBHOOK_PATH,
        "webhook_url": f"{settings.webhook_url.rstrip('/')}/{WEBHOOK_PATH}",
        "secret_token": settings.webhook_secret,
        "allowed_updates": Update.ALL_TYPES,
    }


def run(settings: Settings, core: Core, reloader: Reloader | None = None) -> int:
    """Long polling, or a webhook when WEBHOOK_URL is set (production); SIGHUP reloads the knowledge. Returns the
    exit code."""
    app = build_application(settings, core, reloader=reloader)
    if reloader is not None:
        app.post_init = _with_sighup(reloader, app.post_init)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)  # run_polling / run_webhook go on on this loop
    try:
        loop.run_until_complete(app.initialize())  # getMe, retried through the outbox
    except InvalidToken:
        where = " and BOT_API_BASE_URL" if settings.api_base_url else ""
        print(f"Telegram refused the bot token: check TELEGRAM_BOT_TOKEN{where}.", file=sys.stderr)
        return 2
    except NetworkError as exc:
        print(
            f"Could not reach the Telegram Bot API for {settings.telegram_patience:.0f} s ({describe(exc)}): check "
            "the network (and BOT_API_BASE_URL), then start the bot again.",
            file=sys.stderr,
        )
        return 3
    if settings.webhook_url:
        app.run_webhook(**webhook_options(settings))
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0

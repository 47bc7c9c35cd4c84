"""The one retry layer for every Bot API call, and the queue in front of it (python-telegram-bot's rate-limiter
hook, so start-up calls, answers to button presses and messages all pass through it).

- Throttle: calls go out evenly spaced, `per_second` a second (Telegram allows a bot about 30 messages a second).
- Priority: urgent calls (crisis replies) first, then answers to button presses and inline queries (a person is
  watching a spinner), then everything else; under load an urgent reply never waits behind the queue.
- Outage: after a method fails, only one call of it at a time goes out (a probe, the most urgent one waiting),
  spaced with growing pauses; when it gets through, the rest follow in priority order. Each call keeps trying for
  `patience` seconds (a 20-second outage loses nothing). Other methods are not held up.
- 429: everything waits the time Telegram asks for.
- Never twice: a call Telegram has most likely carried out (a timeout while waiting for its answer) is repeated
  only when repeating is harmless (edits, answers to queries, set-up calls) or urgent; an ordinary message is not.
  A refused or dropped connection, a 5xx or a 429 is repeated.
- Refusals (400, 403, 401/404) are not retried: they are raised at once.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

import httpx
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)
URGENT, QUICK, NORMAL = 0, 1, 2
QUICK_METHODS = frozenset({"answerCallbackQuery", "answerInlineQuery"})
# calls that do no harm when Telegram carries them out twice
REPEATABLE = frozenset(
    {
        "getMe",
        "logOut",
        "close",
        "setMyCommands",
        "deleteMyCommands",
        "getMyCommands",
        "setWebhook",
        "deleteWebhook",
        "getWebhookInfo",
        "answerCallbackQuery",
        "answerInlineQuery",
        "editMessageText",
        "editMessageReplyMarkup",
        "sendChatAction",
    }
)
# Telegram answered and said no: asking again gives the same answer (BadRequest is a NetworkError in PTB)
REFUSALS = (BadRequest, ChatMigrated, Conflict, EndPointNotFound, Forbidden, InvalidToken)
# the request did not (fully) reach Telegram, or the connection was dropped before an answer: repeated. Not
# here: a timeout while waiting for the answer (ReadTimeout): Telegram is slow and has most likely carried it out.
NOT_CARRIED_OUT = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.WriteError,
    httpx.WriteTimeout,
    httpx.ReadError,
    httpx.RemoteProtocolError,
)
BURST = 3  # calls that may go out at once before the spacing applies
PATIENCE = 120.0  # seconds a call keeps trying
FIRST_PAUSE = 0.5
MAX_PAUSE = 2.0

JSON = bool | dict[str, Any] | list[dict[str, Any]]


def urgent() -> dict[str, Any]:
    """`rate_limit_args` for a call that must go out first (a crisis reply)."""
    return {"urgent": True}


def retryable(exc: BaseException, endpoint: str, is_urgent: bool) -> bool:
    """Whether repeating the call is safe and may help."""
    if isinstance(exc, REFUSALS) or not isinstance(exc, NetworkError):
        return False
    cause = exc.__cause__
    if cause is None or isinstance(cause, (TelegramError, *NOT_CARRIED_OUT)):
        return True  # Telegram answered with a server error (5xx), or the request did not get through
    return is_urgent or endpoint in REPEATABLE  # it may have been carried out


def describe(exc: BaseException) -> str:
    """An error for the log: its type and, for Telegram's own errors, Telegram's words (never a token or text)."""
    if isinstance(exc, TelegramError) and not isinstance(exc, TimedOut):
        return f"{type(exc).__name__}: {exc.message[:120]}"
    return type(exc).__name__


@dataclass
class _Health:
    """One Bot API method's state: an outage of one (say setMyCommands) does not hold up the others."""

    up: bool = True
    probing: bool = False
    next_probe: float = 0.0
    pause: float = FIRST_PAUSE


@dataclass(order=True)
class _Waiter:
    priority: int
    order: int
    method: str = field(compare=False)
    turn: asyncio.Future[bool] = field(compare=False)  # result: True when the call goes out as a probe


class Outbox(BaseRateLimiter[dict[str, Any]]):
    def __init__(
        self,
        per_second: float | None = 30.0,
        patience: float = PATIENCE,
        first_pause: float = FIRST_PAUSE,
        max_pause: float = MAX_PAUSE,
    ) -> None:
        self.per_second = per_second
        self.patience = patience
        self.first_pause = first_pause
        self.max_pause = max_pause
        self._waiting: list[_Waiter] = []
        self._order = itertools.count()
        self._next_slot = 0.0  # calls go out evenly spaced, with a small burst allowed
        self._health: dict[str, _Health] = {}
        self._paused_until = 0.0
        self._timer: asyncio.TimerHandle | None = None
        self.failures = 0  # calls that failed and were tried again (for tests and benchmarks)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        for waiter in self._waiting:
            waiter.turn.cancel()
        self._waiting.clear()
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSON]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: dict[str, Any] | None,
    ) -> JSON:
        is_urgent = bool(rate_limit_args and rate_limit_args.get("urgent"))
        priority = URGENT if is_urgent else QUICK if endpoint in QUICK_METHODS else NORMAL
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.patience
        last: BaseException | None = None
        while True:
            probe = await self._turn(priority, endpoint, deadline, last)
            try:
                result = await callback(*args, **kwargs)
            except RetryAfter as exc:
                wait = exc.retry_after.total_seconds() if isinstance(exc.retry_after, dt.timedelta) else exc.retry_after
                log.info("Telegram asked us to wait %.1f s", float(wait))
                self._paused_until = max(self._paused_until, loop.time() + float(wait) + 0.1)  # everyone waits
                self._done(endpoint, probe, reached=True)
                last = exc
                continue
            except asyncio.CancelledError:
                self._done(endpoint, probe, reached=True)
                raise
            except Exception as exc:
                if not retryable(exc, endpoint, is_urgent):
                    self._done(endpoint, probe, reached=True)
                    raise
                self.failures += 1
                self._done(endpoint, probe, reached=False)
                log.info("Bot API %s failed (%s); trying again", endpoint, describe(exc))
                last = exc
                continue
            self._done(endpoint, probe, reached=True)
            return result

    async def _turn(self, priority: int, method: str, deadline: float, last: BaseException | None) -> bool:
        """Wait for this call's turn; True when it goes out as the probe of an outage."""
        loop = asyncio.get_running_loop()
        waiter = _Waiter(priority, next(self._order), method, loop.create_future())
        self._waiting.append(waiter)
        self._pump()
        try:
            async with asyncio.timeout_at(deadline):
                return await asyncio.shield(waiter.turn)
        except TimeoutError:
            if waiter.turn.done() and not waiter.turn.cancelled():
                return waiter.turn.result()  # the turn came at the last moment
            waiter.turn.cancel()
            if last is not None:
                log.warning("gave up a Bot API call after %.0f s (%s)", self.patience, describe(last))
                raise last from None
            raise TimedOut(f"no turn to call the Bot API within {self.patience:.0f} s") from None
        except asyncio.CancelledError:
            if waiter.turn.done() and not waiter.turn.cancelled() and waiter.turn.result():
                self._health[method].probing = False  # our turn as the probe is passed on
                self._pump()
            waiter.turn.cancel()
            raise

    def _done(self, method: str, probe: bool, reached: bool) -> None:
        now = asyncio.get_running_loop().time()
        health = self._health.setdefault(method, _Health(pause=self.first_pause))
        if reached:
            if not health.up:
                log.info("the Bot API answers %s again", method)
            health.up, health.pause = True, self.first_pause
        else:
            if health.up or probe:
                if health.up:
                    log.warning("the Bot API fails on %s: holding those calls, one probe at a time", method)
                health.next_probe = now + health.pause
                health.pause = min(health.pause * 2, self.max_pause)
            health.up = False
        if probe:
            health.probing = False
        self._pump()

    def _ready(self, method: str, now: float) -> float | None:
        """None when a call of `method` may go out now; else the earliest time it may (inf: after a probe)."""
        health = self._health.get(method)
        if health is None or health.up:
            return None
        if health.probing:
            return float("inf")
        return None if now >= health.next_probe else health.next_probe

    def _pump(self) -> None:
        """Give turns to waiting calls, most urgent first, as far as the rate, a 429 pause or an outage allow."""
        loop = asyncio.get_running_loop()
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._waiting = [w for w in self._waiting if not w.turn.done()]
        wake_at = float("inf")
        while self._waiting:
            now = loop.time()
            if now < self._paused_until:
                wake_at = self._paused_until
                break
            if self.per_second and now < self._next_slot - BURST / self.per_second:
                wake_at = self._next_slot - BURST / self.per_second
                break
            eligible = []
            for waiter in self._waiting:
                later = self._ready(waiter.method, now)
                if later is None:
                    eligible.append(waiter)
                else:
                    wake_at = min(wake_at, later)
            if not eligible:
                break
            chosen = min(eligible)
            self._waiting.remove(chosen)
            if self.per_second:  # evenly spaced, so the next urgent call never waits long for a slot
                self._next_slot = max(now, self._next_slot) + 1.0 / self.per_second
            health = self._health.get(chosen.method)
            probe = health is not None and not health.up
            if health is not None and probe:
                health.probing = True
            chosen.turn.set_result(probe)
        if wake_at != float("inf"):
            self._timer = loop.call_at(wake_at, self._pump)

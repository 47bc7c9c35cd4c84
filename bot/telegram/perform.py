"""Carry out the conversation's effects on Telegram: a new choice into the preference cache, the button's spinner,
replies (urgent ones first), then /forget (its reply says whether it worked), then the database. One failing
never stops the others, and nothing a person sees waits on the database."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from telegram import CallbackQuery, MaybeInaccessibleMessage
from telegram.error import BadRequest, TelegramError
from telegram.ext import ExtBot

from bot.conversation import Outcome
from bot.effects import Forget, Replace, Send, SendImage, StorageEffect, Toast
from bot.telegram.outbox import describe
from bot.telegram.render import replace, send, send_image, toast
from bot.telegram.services import Services, outcome_decided

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Target:
    """Where replies go: the chat, and for a button press the query to answer and the message it was on."""

    chat_id: int
    query: CallbackQuery | None = None

    @property
    def message(self) -> MaybeInaccessibleMessage | None:
        return self.query.message if self.query is not None else None


async def perform(bot: ExtBot[Any], svc: Services, key: str | None, target: Target, outcome: Outcome) -> None:
    outcome_decided()
    effects = outcome.effects
    stored = [e for e in effects if isinstance(e, StorageEffect)]
    if key is not None and stored:
        await svc.storage.remember(key, stored)  # the cache only: the next message sees a new choice
    if target.query is not None:
        shown = next((e for e in effects if isinstance(e, Toast)), None)
        await toast(bot, target.query.id, shown.reply.text if shown else None)
    replies = [e for e in effects if isinstance(e, Send | Replace | SendImage)]
    apologised = False
    for effect in sorted(replies, key=lambda e: not (isinstance(e, Send) and e.urgent)):  # stable: urgent first
        try:
            if isinstance(effect, SendImage):
                await send_image(bot, target.chat_id, effect.png, effect.reply)
            elif isinstance(effect, Send):
                await send(bot, target.chat_id, effect.reply, is_urgent=effect.urgent)
            else:
                await replace(bot, target.message, target.chat_id, effect.reply)
        except Exception as exc:
            log.warning("could not deliver a reply (%s)", describe(exc))
            if not apologised and _worth_an_apology(exc):
                apologised = True
                await _apologise(bot, svc, target, outcome)
    for forget in (e for e in effects if isinstance(e, Forget)):
        done = key is not None and await svc.storage.forget(key)
        try:
            await send(bot, target.chat_id, forget.done if done else forget.failed)
        except Exception as exc:
            log.warning("could not deliver a reply (%s)", describe(exc))
    if key is not None and stored:
        await svc.storage.apply(key, stored)


def _worth_an_apology(exc: Exception) -> bool:
    """Telegram refused this reply (or something unexpected broke): another message may well get through. Not
    after an outage outlasted the outbox's patience, nor when the person blocked the bot."""
    return isinstance(exc, BadRequest) or not isinstance(exc, TelegramError)


async def _apologise(bot: ExtBot[Any], svc: Services, target: Target, outcome: Outcome) -> None:
    failure = svc.core.conversation.failure(outcome.profile)
    try:
        for reply in failure.replies:
            await send(bot, target.chat_id, reply)
    except Exception as exc:
        log.warning("could not apologise either (%s)", describe(exc))

"""Flood control at the door: over the limit a person gets one "please slow down", then silence."""

from __future__ import annotations

from telegram import User
from telegram.ext import ContextTypes

from bot.conversation import Profile
from bot.flood import Verdict
from bot.replies import menus
from bot.telegram.render import send
from bot.telegram.services import Services


async def admitted(
    context: ContextTypes.DEFAULT_TYPE, svc: Services, user: User | None, chat_id: int, profile: Profile
) -> bool:
    verdict = svc.flood_check(user)
    if verdict is Verdict.WARN:
        await send(context, chat_id, [menus.slow_down(svc.core.conversation.context(profile.ui_lang, None))])
    return verdict is Verdict.ANSWER

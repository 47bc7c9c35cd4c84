"""Button presses: topics, card views, contacts, another language, language/role choice, feedback."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.callbacks import decode
from bot.telegram.render import replace, send
from bot.telegram.services import services

NEW_MESSAGE_ACTIONS = {"i", "sl"}  # cards and the language picker for a card are sent anew: the card stays visible


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query, user = update.callback_query, update.effective_user
    if query is None:
        return
    svc = services(context)
    profile = await svc.profile(user)
    outcome = svc.core.conversation.on_button(profile, query.data or "")
    callback = decode(query.data)
    await svc.remember(user, profile, outcome)  # saved before answering: the next message sees the change
    if outcome.feedback is not None:
        await query.answer(outcome.replies[0].text[:190] if outcome.replies else None)
    else:
        await query.answer()
        message = query.message if query.message is not None and hasattr(query.message, "edit_text") else None
        if callback is not None and callback.action in NEW_MESSAGE_ACTIONS and message is not None:
            await send(context, message.chat_id, outcome.replies)
        elif message is not None:
            await replace(context, message, outcome.replies)  # type: ignore[arg-type]
        elif user is not None:
            await send(context, user.id, outcome.replies)

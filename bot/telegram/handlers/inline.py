"""Inline mode: "@bot overcrowding" in any chat offers matching cards to share."""

from __future__ import annotations

from telegram import InlineQueryResultArticle, InputTextMessageContent, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.conversation import MAX_MESSAGE
from bot.replies.split import split_html
from bot.telegram.services import services

MAX_RESULTS = 5


async def on_inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query, user = update.inline_query, update.effective_user
    if query is None:
        return
    svc = services(context)
    profile = await svc.profile(user)
    async with svc.turns.turn():
        found = svc.core.conversation.shareable_cards(profile, query.query[:MAX_MESSAGE])[:MAX_RESULTS]
    results = []
    for card in found:
        results.append(
            InlineQueryResultArticle(
                id=card.issue_id,
                title=card.title[:200],
                description=card.description[:200],
                input_message_content=InputTextMessageContent(
                    split_html(card.reply.html)[0],
                    parse_mode=ParseMode.HTML,
                    link_preview_options=LinkPreviewOptions(is_disabled=True),
                ),
            )
        )
    await query.answer(results, cache_time=60, is_personal=True)

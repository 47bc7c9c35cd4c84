"""Every card and menu, in every language and role, is something Telegram accepts."""

from __future__ import annotations

import pytest

from bot.callbacks import MAX_BYTES, decode
from bot.conversation import Conversation
from bot.languages import LANGUAGES
from bot.replies import areas, cards, checklist, menus, practices
from bot.replies.model import Reply
from bot.replies.split import TELEGRAM_LIMIT, split_reply
from tests.e2e.fake_bot_api import parse_telegram_html


def assert_telegram_valid(reply: Reply) -> None:
    for part in split_reply(reply):
        text, _ = parse_telegram_html(part.html)  # raises on HTML Telegram cannot parse
        assert len(text.strip()) > 0 and len(text) <= TELEGRAM_LIMIT
        for row in part.buttons:
            for button in row:
                assert button.text and 0 < len(button.data.encode()) <= MAX_BYTES
                assert decode(button.data) is not None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_card_and_menu_is_valid_in_every_language(conversation: Conversation, lang: str) -> None:
    for role in ("staff", "migrant", None):
        ctx = conversation.context(lang, role)
        for issue in conversation.kb.issues:
            for reply in (cards.issue_card(ctx, issue), cards.more_reply(ctx, issue), cards.contacts_reply(ctx, issue)):
                assert_telegram_valid(reply)
    ctx = conversation.context(lang, None)
    for reply in (
        menus.start(ctx),
        menus.themes(ctx),
        menus.help_reply(ctx),
        menus.privacy(ctx, 7),
        menus.no_match(ctx),
    ):
        assert_telegram_valid(reply)
    for page in range(10):
        assert_telegram_valid(menus.directory(ctx, page=page))
    for theme in conversation.kb.themes:
        assert_telegram_valid(menus.theme_issues(ctx, theme.id))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_local_good_practice_and_checklist_replies_are_valid_in_every_language(
    conversation: Conversation, lang: str
) -> None:
    for area in ("derby", "east-midlands", "east-of-england"):
        for role in ("staff", "migrant"):
            ctx = conversation.context(lang, role, area)
            for issue in conversation.kb.issues:
                for reply in (cards.issue_card(ctx, issue), areas.area_reply(ctx, issue)):
                    assert_telegram_valid(reply)
        assert_telegram_valid(areas.area_menu(conversation.context(lang, None, area)))
        assert_telegram_valid(areas.area_set(conversation.context(lang, None, area)))
    ctx = conversation.context(lang, "staff")
    for issue in conversation.kb.issues:
        assert_telegram_valid(practices.practices_reply(ctx, issue))
    assert_telegram_valid(checklist.checklist_reply(ctx))
    assert conversation.kb.checklist is not None
    for group in conversation.kb.checklist.groups:
        assert_telegram_valid(checklist.checklist_group_reply(ctx, group.id))


def test_long_reply_is_split_at_line_boundaries() -> None:
    html = "\n".join(f"<b>line {n}</b> " + "word " * 30 for n in range(200))
    parts = split_reply(Reply(html))
    assert len(parts) > 1
    for part in parts:
        parse_telegram_html(part.html)
        assert len(part.html) <= TELEGRAM_LIMIT
    assert "\n".join(p.html for p in parts) == html


def test_staff_card_gives_the_issue_in_a_sentence_and_more_gives_all(conversation: Conversation) -> None:
    ctx = conversation.context("en", "staff")
    issue = conversation.kb.issue("refugee-move-on")
    assert issue is not None
    card, more = cards.issue_card(ctx, issue).text, cards.more_reply(ctx, issue).text
    assert "Ipswich, Norwich and Peterborough" not in card
    assert "Ipswich, Norwich and Peterborough" in more and "28 day 'move-on' period" in more
    assert "NI 156: Number of households living in Temporary Accommodation" in more and "NI 156" not in card

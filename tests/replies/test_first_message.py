"""Phone first: the first message of every card — staff and migrant, every language, with or without a local area,
after a follow-up's "About …:" line — is at most about 1,000 visible characters, and still starts with the heading
and the first lines of the answer and says the toolkit is from 2008. What did not fit is the first thing under More."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.i18n import Catalogs
from bot.kb import KnowledgeBase
from bot.languages import LANGUAGES
from bot.replies import cards
from bot.replies.cards import FIRST_MESSAGE
from bot.replies.context import RenderContext
from bot.replies.model import Reply, plain_text
from bot.text.shorten import sentences

PROJECT = Path(__file__).resolve().parent.parent.parent
INVISIBLE = dict.fromkeys(map(ord, "\u200f\u200e\u2066\u2067\u2068\u2069"))
YEAR = "This bot is built on the LAA Toolkit of 2008: some of this may have changed."


def visible(reply: Reply) -> int:
    return len(reply.text.translate(INVISIBLE))


@pytest.fixture(scope="module")
def catalogs() -> Catalogs:
    return Catalogs(PROJECT / "locales")


def first_lines(ctx: RenderContext, kb: KnowledgeBase, issue_id: str, role: str) -> tuple[str, list[str]]:
    """The card's heading (plain) and the answer's parts that must stay: its first two lines for staff, its first
    two sentences for migrants."""
    issue = kb.issue(issue_id)
    assert issue is not None
    theme = kb.theme(issue.theme)
    assert theme is not None
    heading = f"{ctx.theme_title(theme)} › {ctx.issue_title(issue)}"
    if role == "migrant" and issue.guidance:
        return heading, sentences(ctx.issue_text(issue, "guidance"))[:2]
    if issue.staff_answer:
        return heading, ctx.issue_text(issue, "staff_answer").splitlines()[:2]
    return heading, []


def parts(ctx: RenderContext, issue_id: str, role: str) -> list[str]:
    """What a card may move under More: what changed since 2008 (staff), every line of the staff answer, every
    sentence of a migrant's guidance (of the card actually shown)."""
    issue = ctx.kb.issue(issue_id)
    assert issue is not None
    if role == "migrant" and not issue.guidance:
        issue = ctx.kb.issue(issue.migrant_alternative or "")
        assert issue is not None
    if role == "migrant":
        return sentences(ctx.issue_text(issue, "guidance"))
    found = [ctx.issue_text(issue, "dated_note")] if issue.dated_note else []
    return found + (ctx.issue_text(issue, "staff_answer").splitlines() if issue.staff_answer else [])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_first_message_fits_with_its_heading_answer_and_year(
    kb: KnowledgeBase, catalogs: Catalogs, lang: str
) -> None:
    year = catalogs.translator(lang).gettext(YEAR)
    for role in ("staff", "migrant"):
        for area in (None, *(a.id for a in kb.areas)):
            ctx = RenderContext(kb, catalogs.translator(lang), lang, role, catalogs, area=area)
            for issue in kb.issues:
                card = cards.issue_card(ctx, issue)
                where = (lang, role, area, issue.id, visible(card))
                assert visible(card) <= FIRST_MESSAGE, where
                assert year in card.text, where
                shown = issue if role == "staff" or issue.guidance else kb.issue(issue.migrant_alternative or "")
                assert shown is not None
                heading, answer = first_lines(ctx, kb, shown.id, role)
                assert heading in card.text, where
                assert all(part in card.text for part in answer), where


@pytest.mark.parametrize("lang", ["en", "hu", "bg", "ar"])
def test_after_a_follow_up_line_the_card_still_fits(kb: KnowledgeBase, catalogs: Catalogs, lang: str) -> None:
    for role in ("staff", "migrant"):
        ctx = RenderContext(kb, catalogs.translator(lang), lang, role, catalogs)
        longest = max((ctx.issue_title(i) for i in kb.issues), key=len)
        for issue in kb.issues:
            about = ctx.t.gettext("About {topic}:", topic=ctx.issue_title(issue))
            following = ctx.t.gettext("Following on from “{topic}”:", topic=longest)
            for note in (about, following):
                card = cards.issue_card(ctx, issue, note=note)
                assert card.text.startswith(note) and visible(card) <= FIRST_MESSAGE, (lang, role, issue.id)
                shown = issue if role == "staff" or issue.guidance else kb.issue(issue.migrant_alternative or "")
                assert shown is not None
                more = cards.more_reply(ctx, shown).text  # the card's More button is the shown topic's
                lost = [p for p in parts(ctx, issue.id, role) if p not in card.text and p not in more]
                assert not lost, (lang, role, issue.id, lost)  # what the card left out is under More


@pytest.mark.parametrize("lang", ["hu", "pl", "bg"])
def test_what_did_not_fit_is_first_under_more(kb: KnowledgeBase, catalogs: Catalogs, lang: str) -> None:
    """The long staff cards of these languages lose their note on what changed since 2008 or their last answer
    lines: More starts with exactly those."""
    moved = 0
    for role in ("staff", "migrant"):
        ctx = RenderContext(kb, catalogs.translator(lang), lang, role, catalogs)
        for issue in kb.issues:
            if role == "migrant" and not issue.guidance:
                continue
            card = cards.issue_card(ctx, issue).text
            more = cards.more_reply(ctx, issue).text
            summary = more.index(plain_text(ctx.issue_text(issue, "summary"))[:40])
            if role == "staff" and issue.dated_note and ctx.issue_text(issue, "dated_note") not in card:
                assert ctx.t.gettext("What has changed since 2008: first under “More”.") in card  # said where
            for part in parts(ctx, issue.id, role):
                if part not in card:
                    moved += 1
                    assert part in more[:summary], (lang, role, issue.id, part)  # before the toolkit's text
    assert moved > 0  # these languages do have cards too long for one message

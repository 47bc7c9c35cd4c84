"""The issue card as a reader sees it: for staff the quick answer first, then the toolkit's actions, then contacts
(closed bodies marked historical, after the current ones); the toolkit's year on every card; a first message
short enough to read; migrants never land on a staff-only card."""

from __future__ import annotations

import pytest

from bot.callbacks import ShowIssue, Theme, decode, pack
from bot.conversation import Conversation, Profile
from bot.replies import cards

TOOLKIT_YEAR = "This bot is built on the LAA Toolkit of 2008: some of this may have changed."


def test_staff_card_leads_with_the_staff_answer_then_actions_then_contacts(conversation: Conversation) -> None:
    issue = conversation.kb.issue("nrpf")
    assert issue is not None and issue.staff_answer and issue.dated_note
    text = cards.issue_card(conversation.context("en", "staff"), issue).text
    lines = text.splitlines()
    assert lines[1] == issue.staff_answer.splitlines()[0]  # the quick answer right under the heading
    assert "Added by our team and not yet checked" in lines[len(issue.staff_answer.splitlines()) + 1]
    assert issue.dated_note in text
    assert "National Indicators" not in text and "NI " not in text  # behind More
    more = cards.more_reply(conversation.context("en", "staff"), issue).text
    assert "National Indicators" in more and issue.actions[-1] in more  # what did not fit is under More
    short = conversation.kb.issue("schools")
    assert short is not None and short.staff_answer
    text = cards.issue_card(conversation.context("en", "staff"), short).text
    answer, actions = text.index(short.staff_answer.splitlines()[0]), text.index("Recommended actions")
    assert text.splitlines()[1] == short.staff_answer.splitlines()[0] and answer < actions
    assert "Contacts (LAA Toolkit, Annex 2)" in cards.contacts_reply(
        conversation.context("en", "staff"), short
    ).text or (
        "Contacts"
        in [b.text for row in cards.issue_card(conversation.context("en", "staff"), short).buttons for b in row]
    )


def test_staff_answer_and_dated_note_are_in_the_readers_language(conversation: Conversation) -> None:
    issue = conversation.kb.issue("nrpf")
    assert issue is not None and issue.staff_answer and issue.dated_note
    text = cards.issue_card(conversation.context("pl", "staff"), issue).text
    answer = conversation.catalogs.knowledge("pl", "issue.nrpf.staff_answer", issue.staff_answer).text
    assert answer != issue.staff_answer and answer.splitlines()[0] in text
    assert issue.staff_answer.splitlines()[0] not in text


@pytest.mark.parametrize("lang", ["en", "pl", "ru", "ar"])
def test_every_first_message_is_short_and_says_the_toolkit_is_from_2008(conversation: Conversation, lang: str) -> None:
    year = conversation.catalogs.translator(lang).gettext(TOOLKIT_YEAR)
    for area in (None, "derby", "east-of-england"):
        for role in ("staff", "migrant"):
            ctx = conversation.context(lang, role, area)
            for issue in conversation.kb.issues:
                text = cards.issue_card(ctx, issue).text
                assert year in text, (issue.id, role)
                assert len(text) <= cards.FIRST_MESSAGE, (issue.id, role, area, len(text))


def test_closed_bodies_are_marked_historical_and_listed_after_current_ones(conversation: Conversation) -> None:
    issue = conversation.kb.issue("exploitation")
    assert issue is not None
    closed = [c for c in (conversation.kb.contact(cid) for cid in issue.contacts) if c and c.historical]
    assert closed
    text = cards.contacts_reply(conversation.context("en", "staff"), issue).text
    blocks = text.split("• ")[1:]
    marked = [n for n, block in enumerate(blocks) if "historical: " in block]
    assert len(marked) == len(closed) and closed[0].historical in text
    assert marked == list(range(len(blocks) - len(marked), len(blocks)))  # the closed ones come last


def test_migrants_browsing_topics_never_land_on_a_staff_only_card(conversation: Conversation) -> None:
    migrant = Profile(role="migrant")
    staff_only = [i for i in conversation.kb.issues if not i.guidance]
    assert staff_only
    for issue in staff_only:
        menu = conversation.on_button(migrant, pack(Theme(issue.theme))).replies[0]
        [data] = [b.data for row in menu.buttons for b in row if b.data.split(":")[2:3] == [issue.id]]
        assert isinstance(decode(data), ShowIssue)
        card = conversation.on_button(migrant, data).replies[0]
        assert "Recommended actions" not in card.text, issue.id
        alternative = conversation.kb.issue(issue.migrant_alternative or "")
        assert alternative is not None and alternative.title in card.text
        assert "is a topic for staff" in card.text.splitlines()[0]
    staff_card = conversation.on_button(Profile(role="staff"), pack(ShowIssue("data-collection", role="staff")))
    assert "Recommended actions" in staff_card.replies[0].text

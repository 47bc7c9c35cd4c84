"""/checklist: the council checklist, grouped as in the source, each item linked to issue buttons."""

from __future__ import annotations

from bot.callbacks import Checklist, ShowIssue, decode
from bot.conversation import Conversation, Profile
from bot.replies import Reply


def datas(reply: Reply) -> list[str]:
    return [b.data for row in reply.buttons for b in row]


def test_checklist_command_lists_the_eight_groups(conversation: Conversation) -> None:
    outcome = conversation.on_command(Profile(role="staff"), "checklist")
    reply = outcome.replies[0]
    assert "Council checklist" in reply.text
    assert "Developing data and evidence (6 items)" in reply.text
    assert "Encouraging actions to build community cohesion (3 items)" in reply.text
    assert "IDeA Migration Excellence Programme, 2008" in reply.text
    groups = [decode(d) for d in datas(reply)]
    assert all(isinstance(g, Checklist) and g.group for g in groups) and len(groups) == 8


def test_a_group_shows_its_items_and_opens_the_issues_they_concern(conversation: Conversation) -> None:
    outcome = conversation.on_button(Profile(role="staff"), "v1:k:community-cohesion")
    reply = outcome.replies[0]
    text = reply.text
    assert "1. ☐ Consider whether there are groups who may compete with migrant workers" in text
    assert "3. ☐ Identify local activities that could be supported" in text
    assert "→ Community tensions and hate crime" in text
    issue_buttons = [b for b in map(decode, datas(reply)) if isinstance(b, ShowIssue)]
    assert all(b.view == "card" and b.role == "staff" for b in issue_buttons)
    opened = {b.issue for b in issue_buttons}
    assert {"host-community-awareness", "community-tensions", "community-organisations"} == opened
    card = conversation.on_button(Profile(role="staff"), next(d for d in datas(reply) if ":community-tensions:" in d))
    assert "Community tensions and hate crime" in card.replies[0].text
    assert "Recommended actions" in card.replies[0].text  # the staff card
    back = conversation.on_button(Profile(role="staff"), datas(reply)[-1])
    assert "Council checklist" in back.replies[0].text


def test_every_item_is_shown_once_across_the_groups(conversation: Conversation) -> None:
    checklist = conversation.kb.checklist
    assert checklist is not None
    shown = 0
    for group in checklist.groups:
        text = conversation.on_button(Profile(), f"v1:k:{group.id}").replies[0].text
        for item in group.items:
            assert item.text[1:60] in text
            shown += 1
    assert shown == 30


def test_checklist_in_polish_says_the_items_are_english(conversation: Conversation) -> None:
    pl = conversation.catalogs.translator("pl")
    reply = conversation.on_command(Profile(lang="pl", role="staff"), "checklist").replies[0]
    assert pl.gettext("Council checklist") in reply.text and pl.gettext("Council checklist") != "Council checklist"
    assert pl.gettext("Some of this text is shown in English: its translation is not ready yet.") in reply.text

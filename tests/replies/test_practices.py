"""'What others did' on the staff card: 2–5 practices for the issue, best first, each with who, what, result and
source; summaries shown as summaries; names from the seeds never shown."""

from __future__ import annotations

from bot.callbacks import ShowPractices, decode
from bot.conversation import Conversation, Profile
from bot.replies import Reply, cards
from bot.replies.practices import practices_reply


def buttons(reply: Reply) -> dict[str, str]:
    return {b.text: b.data for row in reply.buttons for b in row}


def what_others_did(conversation: Conversation, issue_id: str, lang: str = "en") -> Reply:
    card = cards.issue_card(conversation.context(lang, "staff"), conversation.kb.issue(issue_id))  # type: ignore[arg-type]
    data = next(d for d in buttons(card).values() if isinstance(decode(d), ShowPractices))
    outcome = conversation.on_button(Profile(lang=lang, role="staff"), data)
    return outcome.replies[0]


def test_the_staff_card_offers_what_others_did_and_the_first_message_stays_short(conversation: Conversation) -> None:
    issue = conversation.kb.issue("exploitation")
    assert issue is not None
    staff = cards.issue_card(conversation.context("en", "staff"), issue)
    assert "💡 What others did" in buttons(staff)
    assert "Gangmasters Licensing Authority, with Sainsbury's" not in staff.text  # behind the button, not on the card
    migrant = cards.issue_card(conversation.context("en", "migrant"), issue)
    assert not any(isinstance(decode(d), ShowPractices) for d in buttons(migrant).values())


def test_two_to_five_practices_best_first_with_source(conversation: Conversation) -> None:
    reply = what_others_did(conversation, "exploitation")
    text = reply.text
    kb = conversation.kb
    ranked = kb.practices_for("exploitation")
    assert len(ranked) > 5
    shown = [p for p in ranked if p.title in text]
    assert 2 <= len(shown) <= 5 and shown == ranked[: len(shown)]
    assert all(p.issues[0] == "exploitation" for p in shown[:2])  # those that fit best come first
    order = [text.index(p.title) for p in shown]
    assert order == sorted(order)
    first = shown[0]
    assert first.body in text
    assert "Source: CLG, Managing the impacts of migration, 2009 — Chapter One: Gangmasters Licensing Authority" in text
    assert "Back" in buttons(reply)


def test_quotes_and_summaries_are_told_apart(conversation: Conversation) -> None:
    text = what_others_did(conversation, "eligibility-to-work").text
    quoted = conversation.kb.practices_for("eligibility-to-work")[0]
    assert quoted.quoted and f"“{quoted.text}”" in text
    summary = next(p for p in conversation.kb.practices_for("eligibility-to-work") if not p.quoted)
    assert f"{summary.text} (our summary)" in text
    assert "the others are our summaries" in text


def test_every_issue_with_practices_renders_and_no_seed_names_leak(conversation: Conversation) -> None:
    names = {name.split(" (")[0] for p in conversation.kb.practices for name in p.people}
    assert names
    for lang in ("en", "pl", "ar"):
        ctx = conversation.context(lang, "staff")
        for issue in conversation.kb.issues:
            reply = practices_reply(ctx, issue)
            assert not any(name in reply.text for name in names)
    linked = {i for p in conversation.kb.practices for i in p.issues}
    toolkit = {i.id for i in conversation.kb.issues if i.from_toolkit}
    assert len(linked & toolkit) >= 18


def test_in_another_language_the_english_practice_is_announced(conversation: Conversation) -> None:
    text = what_others_did(conversation, "schools", lang="pl").text
    pl = conversation.catalogs.translator("pl")
    assert pl.gettext("What others did") in text and pl.gettext("What others did") != "What others did"
    assert pl.gettext("Some of this text is shown in English: its translation is not ready yet.") in text

"""The core conversation: crisis replies first in all 14 languages; stale and foreign buttons."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest

from bot.callbacks import (
    Checklist,
    ChooseArea,
    ChooseLanguage,
    ChooseRole,
    RateIssue,
    ShowIssue,
    ShowLocal,
    ShowPractices,
    pack,
)
from bot.conversation import Conversation, Profile
from bot.effects import CountStat, Forget, LogUnanswered, RecordFeedback, Replace, SavePreference, Send, Toast
from bot.languages import LANGUAGES
from bot.match import Matcher, MatchResult
from bot.match.crisis import CrisisHit
from bot.replies.cards import LABEL
from bot.text.shorten import short_label

DATA = Path(__file__).resolve().parent / "data"
LINES = {"suicide": "116 123", "violence": "0808 2000 247", "trafficking": "08000 121 700", "child": "0808 800 5000"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_crisis_reply_comes_first_in_the_users_language(conversation: Conversation, lang: str) -> None:
    english = conversation.catalogs.translator("en").gettext("If you or someone else is in danger now, call {number}.")
    translated = conversation.catalogs.translator(lang).gettext(
        "If you or someone else is in danger now, call {number}."
    )
    for message in (DATA / "crisis_positives" / f"{lang}.txt").read_text(encoding="utf-8").splitlines()[:5]:
        outcome = conversation.on_text(Profile(lang=lang), message)
        assert outcome.result is not None and outcome.result.crisis is not None, message
        first = outcome.replies[0].text
        assert "999" in first
        assert LINES.get(outcome.result.crisis.kind, "111") in first
        assert translated.split("{")[0].strip() in first
        if lang != "en":
            assert english.split("{")[0].strip() not in first


def test_detected_language_is_used_for_the_crisis_reply_when_none_was_chosen(conversation: Conversation) -> None:
    outcome = conversation.on_text(Profile(), "nie chcę już żyć, chcę się zabić dzisiaj")
    pl = conversation.catalogs.translator("pl")
    assert (
        pl.gettext("If you or someone else is in danger now, call {number}.", number="999") in outcome.replies[0].text
    )


def test_stale_and_foreign_buttons(conversation: Conversation) -> None:
    for data in ("", "v0:i:esol", "v1:i:no-such-issue:en:s", "garbage", "v1:T:nowhere"):
        outcome = conversation.on_button(Profile(), data)
        assert outcome.replies and outcome.replies[0].text


# -- effects: what the adapters are asked to do -------------------------------------------------------------------


def test_a_crisis_reply_is_urgent_and_first_and_counted(conversation: Conversation) -> None:
    outcome = conversation.on_text(Profile(), "I want to kill myself tonight")
    first = outcome.effects[0]
    assert isinstance(first, Send) and first.urgent and "999" in first.reply.text
    assert all(not e.urgent for e in outcome.effects[1:] if isinstance(e, Send))
    assert CountStat("en", "crisis", crisis_kind="suicide") in outcome.effects
    assert not any(isinstance(e, LogUnanswered) for e in outcome.effects)


def test_an_unanswered_question_is_counted_and_offered_to_the_log_without_contact_details(
    conversation: Conversation,
) -> None:
    outcome = conversation.on_text(Profile(), "who won the football? call me on 07700 900123")
    [log] = [e for e in outcome.effects if isinstance(e, LogUnanswered)]
    assert "football" in log.text and "900123" not in log.text
    assert CountStat("en", "no-match") in outcome.effects


def test_choices_are_saved_one_field_at_a_time(conversation: Conversation) -> None:
    outcome = conversation.on_button(Profile(role="staff"), pack(ChooseLanguage("pl")))
    assert [e for e in outcome.effects if isinstance(e, SavePreference)] == [SavePreference("lang", "pl")]
    assert isinstance(outcome.effects[0], Replace) and outcome.profile == Profile(lang="pl", role="staff")
    outcome = conversation.on_button(Profile(lang="cs"), pack(ChooseRole("migrant")))
    assert [e for e in outcome.effects if isinstance(e, SavePreference)] == [SavePreference("role", "migrant")]
    outcome = conversation.on_button(Profile(lang="cs", role="staff"), pack(ChooseArea("derby")))
    assert [e for e in outcome.effects if isinstance(e, SavePreference)] == [SavePreference("area", "derby")]
    assert isinstance(outcome.effects[0], Replace) and outcome.profile == Profile(lang="cs", role="staff", area="derby")
    outcome = conversation.on_button(outcome.profile, pack(ChooseArea(None)))
    assert [e for e in outcome.effects if isinstance(e, SavePreference)] == [SavePreference("area", None)]
    outcome = conversation.on_button(Profile(area="derby"), pack(ChooseArea("leeds")))  # not an area we know
    assert not any(isinstance(e, SavePreference) for e in outcome.effects) and outcome.profile.area == "derby"
    assert "expired" in outcome.replies[0].text


def test_checklist_practices_and_local_views_replace_the_message(conversation: Conversation) -> None:
    staff = Profile(role="staff", area="derby")
    for action in (
        Checklist(),
        Checklist("community-cohesion"),
        ShowPractices("exploitation"),
        ShowLocal("community-tensions", "en", "staff"),
    ):
        outcome = conversation.on_button(staff, pack(action))
        assert [type(e) for e in outcome.effects] == [Replace], action
        assert "expired" not in outcome.replies[0].text, action
    for stale in (ShowPractices("no-such-issue"), ShowLocal("no-such-issue")):
        assert "expired" in conversation.on_button(staff, pack(stale)).replies[0].text


def test_feedback_is_a_toast_and_a_row(conversation: Conversation) -> None:
    outcome = conversation.on_button(Profile(), pack(RateIssue("esol", True)))
    assert [type(e) for e in outcome.effects] == [Toast, RecordFeedback]
    assert outcome.effects[1] == RecordFeedback("esol", True)


def test_a_card_is_sent_anew_its_views_replace_it(conversation: Conversation) -> None:
    card = conversation.on_button(Profile(), pack(ShowIssue("esol")))
    more = conversation.on_button(Profile(), pack(ShowIssue("esol", "more")))
    assert [type(e) for e in card.effects] == [Send] and [type(e) for e in more.effects] == [Replace]


def test_forget_says_done_or_not_done_after_trying(conversation: Conversation) -> None:
    outcome = conversation.on_command(Profile(lang="pl", role="staff", client_lang="en", area="derby"), "forget")
    [forget] = outcome.effects
    assert isinstance(forget, Forget)
    assert "have been deleted" in forget.done.text and "could not delete" in forget.failed.text
    assert outcome.profile == Profile(client_lang="en")


def test_a_contacts_search_is_cut_and_quoted_once(conversation: Conversation) -> None:
    [reply] = conversation.on_command(Profile(), "contacts", "<" * 4000).replies
    assert reply.html.count("&lt;") <= 64 and len(reply.html) < 400


def test_a_huge_message_is_cut_before_matching(conversation: Conversation) -> None:
    started = time.perf_counter()
    outcome = conversation.on_text(Profile(), "a" * 150_000)
    assert time.perf_counter() - started < 0.5
    assert outcome.replies


# -- crisis, possible danger, small talk, feedback, non-text ----------------------------------------------------


class _Says:
    """The real matcher, with the danger it reports set by the test (the core's side of the contract)."""

    def __init__(self, matcher: Matcher, **fields: object) -> None:
        self.matcher, self.fields = matcher, fields

    def match(self, text: str, **kwargs: object) -> MatchResult:
        return replace(self.matcher.match(text, **kwargs), **self.fields)  # type: ignore[arg-type]

    def crisis_words(self, text: str) -> bool:
        return self.matcher.crisis_words(text)


def _said(conversation: Conversation, **fields: object) -> Conversation:
    return Conversation(conversation.kb, _Says(conversation.matcher, **fields), conversation.catalogs)  # type: ignore[arg-type]


def test_a_crisis_of_two_kinds_lists_the_lines_of_both_999_first_once(conversation: Conversation) -> None:
    said = _said(conversation, crisis=CrisisHit("violence", "hit", "en"), crisis_kinds=("violence", "suicide"))
    first = said.on_text(Profile(role="migrant"), "he hit me and I want to kill myself").replies[0].text
    assert first.index("999") < first.index("0808 2000 247") < first.index("116 123")
    assert first.count("0808 2000 247") == 1 and "†" not in first
    assert "get away from the person" in first  # the intro of the first kind only
    assert "You are not alone" not in first


def test_emergency_numbers_are_never_marked_unchecked(conversation: Conversation) -> None:
    for query in ("NHS 111", "Emergency services", "Police non-emergency"):
        [reply] = conversation.on_command(Profile(), "contacts", query).replies
        line = next(x for x in reply.text.splitlines() if x.startswith("• ") and query.split()[0] in x)
        assert "†" not in line, line
    assert "†" in conversation.on_command(Profile(), "contacts", "Citizens Advice").replies[0].text


def test_a_possible_danger_gets_one_line_then_the_answer(conversation: Conversation) -> None:
    said = _said(conversation, possible_danger=("violence",))
    outcome = said.on_text(Profile(lang="pl"), "gdzie mogę uczyć się angielskiego")
    pl = conversation.catalogs.translator("pl")
    first, second = outcome.replies[:2]
    assert first.text == "⚠️ " + pl.gettext("If you or someone else is in danger now, call {number}.", number="999")
    assert "999" not in second.text.splitlines()[0] and second.buttons  # the normal answer (a card)
    assert conversation.on_text(Profile(lang="pl"), "gdzie mogę uczyć się angielskiego").replies[0].text != first.text


@pytest.mark.parametrize(
    ("message", "kind", "shows"),
    [
        ("help", "help", "How to use this bot"),
        ("main menu", "menu", "Do you work with migrants"),
        ("show topics", "topics", "Choose a topic"),
        ("show contacts", "contacts", "Search by name"),
        ("change language", "language", "Choose your language"),
        ("hmm", "ack", "How to use this bot"),
    ],
)
def test_navigation_small_talk_is_answered(conversation: Conversation, message: str, kind: str, shows: str) -> None:
    outcome = conversation.on_text(Profile(), message)
    assert shows in outcome.replies[-1].text
    assert CountStat("en", kind) in outcome.effects
    assert not any("Sorry, I do not have information" in r.text for r in outcome.replies)
    assert ("danger now, call 999" in outcome.replies[0].text) == (kind == "help")


def test_a_crisis_reply_offers_the_topic_someone_to_talk_to_and_the_topics(conversation: Conversation) -> None:
    outcome = conversation.on_text(Profile(role="migrant"), "the boss took my passport and I am scared")
    crisis = outcome.replies[0]
    labels = [b.text for row in crisis.buttons for b in row]
    assert "Talk to someone" in labels and "Topics" in labels and len(labels) == 3
    [talk] = [b for row in crisis.buttons for b in row if b.text == "Talk to someone"]
    reply = conversation.on_button(Profile(role="migrant"), talk.data).replies[0]
    assert "08000 121 700" in reply.text and "Modern Slavery" in reply.text and "• Emergency" not in reply.text
    [topic] = [b for row in crisis.buttons for b in row if b.text not in ("Talk to someone", "Topics")]
    card = conversation.on_button(Profile(role="migrant"), topic.data).replies[0]
    assert card.text.startswith(topic.text.split("…")[0][:20]) or topic.text[:20] in card.text


def test_staff_get_a_crisis_reply_addressed_to_the_worker(conversation: Conversation) -> None:
    said = _said(conversation, crisis=CrisisHit("trafficking", "x", "en"), crisis_kinds=("trafficking", "child"))
    text = said.on_text(Profile(role="staff"), "the boss keeps a 15 year old locked in").replies[0].text
    assert "If anyone is in immediate danger, call 999." in text
    assert "National Referral Mechanism" in text and "safeguarding referral" in text
    assert "08000 121 700" in text and "0808 800 5000" in text
    assert "If you or someone else" not in text
    pl = said.on_text(Profile(role="staff", lang="pl"), "x").replies[0].text
    for english, polish in zip(text.splitlines()[:3], pl.splitlines()[:3], strict=True):
        assert english != polish  # translated (draft translations)


def test_choosing_a_language_without_a_role_asks_the_role(conversation: Conversation) -> None:
    outcome = conversation.on_button(Profile(), pack(ChooseLanguage("pl")))
    shown, asked = outcome.replies
    assert "Polski" in shown.text
    assert {b.data for row in asked.buttons for b in row} == {pack(ChooseRole("staff")), pack(ChooseRole("migrant"))}
    assert len(conversation.on_button(Profile(role="staff"), pack(ChooseLanguage("pl"))).replies) == 1


def test_a_thumbs_down_offers_a_way_out(conversation: Conversation) -> None:
    outcome = conversation.on_button(Profile(), pack(RateIssue("esol", False)))
    [reply] = outcome.replies
    assert "You are welcome" not in reply.text
    assert "other words" in reply.text and "Citizens Advice" in reply.text
    assert [b.text for row in reply.buttons for b in row] == ["Topics"]
    assert RecordFeedback("esol", False) in outcome.effects


@pytest.mark.parametrize("lang", ["en", "pl", "ar"])
def test_a_message_that_is_not_text_gets_a_kind_answer(conversation: Conversation, lang: str) -> None:
    [reply] = conversation.on_other(Profile(lang=lang)).replies
    t = conversation.catalogs.translator(lang)
    assert t.gettext("I can only read text messages. Please type your question, or choose /topics.") in reply.text
    assert reply.buttons


def test_a_question_with_two_topics_in_two_themes_offers_the_second_by_name(conversation: Conversation) -> None:
    """The card for the first topic, and a button titled with the second, even when closer topics of the first
    topic's theme come between them."""
    from bot.match import Match

    kb = conversation.kb
    esol, same1, same2 = "esol", "work-experience", "eligibility-to-work"
    housing = "refugee-move-on"
    assert {kb.issue(i).theme for i in (esol, same1, same2)} == {"skills-employment"}  # type: ignore[union-attr]
    assert kb.issue(housing).theme == "housing"  # type: ignore[union-attr]
    matches = (Match(esol, 0.8), Match(same1, 0.78), Match(same2, 0.76), Match(housing, 0.7))
    said = _said(conversation, matches=matches)
    [reply] = said.on_text(Profile(role="staff"), "housing and also English classes for a refugee family").replies
    ctx = conversation.context("en", "staff")
    assert ctx.issue_title(kb.issue(esol)) in reply.text.splitlines()[0]  # type: ignore[arg-type]
    labels = [b.text for row in reply.buttons for b in row]
    assert "↪ " + short_label(ctx.issue_title(kb.issue(housing)), LABEL) in labels  # type: ignore[arg-type]
    far = (Match(esol, 0.8), Match(housing, 0.5))  # not close: no button for it
    [reply] = _said(conversation, matches=far).on_text(Profile(role="staff"), "English classes").replies
    assert not any(b.text.startswith("↪") for row in reply.buttons for b in row)

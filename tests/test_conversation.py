"""The core conversation: crisis replies first in all 14 languages; stale and foreign buttons."""

from __future__ import annotations

import time
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

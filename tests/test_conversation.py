"""The core conversation: crisis replies first in all 14 languages; stale and foreign buttons."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.conversation import Conversation, Profile
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

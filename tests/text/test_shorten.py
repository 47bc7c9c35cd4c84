"""Shortened text reads well: button labels end on a whole word with "…", and a card's one-sentence summary does
not stop at an abbreviation ("e.g.", "např.", "т.е.") or a number ("1.", "2008.")."""

from __future__ import annotations

import re

import pytest

from bot.conversation import Conversation
from bot.languages import LANGUAGES
from bot.text.shorten import ABBREVIATIONS, first_sentence, short_label

LABELS = {
    "en": "Housing for asylum seekers after a positive decision",
    "pl": "Zakwaterowanie dla osób ubiegających się o azyl po pozytywnej decyzji",
    "ru": "Жильё для просителей убежища после положительного решения",
    "ar": "السكن لطالبي اللجوء بعد صدور قرار إيجابي بشأن طلبهم",
    "hu": "Lakhatás a menedékkérők számára pozitív döntés után",
}


@pytest.mark.parametrize("lang", sorted(LABELS))
def test_a_long_label_is_cut_at_a_word_boundary_with_an_ellipsis(lang: str) -> None:
    text = LABELS[lang]
    for limit in range(len(text.split()[0]) + 2, len(text)):  # room for the first word and "…"
        label = short_label(text, limit)
        assert len(label) <= limit and label.endswith("…")
        kept = label[:-1]
        assert text.startswith(kept) and text[len(kept)] == " "  # the next character starts a new word
        assert kept.split()[-1] in text.split()  # the last word shown is whole


def test_a_short_label_is_unchanged_and_one_long_word_is_still_cut() -> None:
    assert short_label("Housing", 40) == "Housing"
    assert short_label("Niepełnosprawnościowego", 10) == "Niepełnos…"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Help with papers, e.g. a passport or a visa. Then more.", "Help with papers, e.g. a passport or a visa."),
        (
            "Pomoc w sprawach urzędowych, np. paszport lub wiza. Dalej.",
            "Pomoc w sprawach urzędowych, np. paszport lub wiza.",
        ),
        (
            "Pomoc s úředními věcmi, např. pas nebo vízum a jiné. Další.",
            "Pomoc s úředními věcmi, např. pas nebo vízum a jiné.",
        ),
        (
            "Ajutor cu actele oficiale, de ex. pașaport sau viză. Apoi.",
            "Ajutor cu actele oficiale, de ex. pașaport sau viză.",
        ),
        (
            "Помощь с документами, т.е. паспорт или виза и другое. Далее.",
            "Помощь с документами, т.е. паспорт или виза и другое.",
        ),
        (
            "The toolkit was written in 2008. It was never updated since.",
            "The toolkit was written in 2008. It was never updated since.",
        ),
        (
            "A néhány fontos lépés: 1. regisztráció a helyi hivatalnál. Majd.",
            "A néhány fontos lépés: 1. regisztráció a helyi hivatalnál.",
        ),
    ],
)
def test_the_first_sentence_does_not_stop_at_an_abbreviation_or_a_number(text: str, expected: str) -> None:
    assert first_sentence(text) == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_card_summary_in_every_language_ends_on_a_real_sentence_end(
    conversation: Conversation, lang: str
) -> None:
    ctx = conversation.context(lang, "staff")
    for issue in conversation.kb.issues:
        summary = ctx.issue_text(issue, "summary")
        sentence = first_sentence(summary)
        assert summary.startswith(sentence)
        if sentence == summary:
            continue
        before = sentence[:-1].split()
        last = before[-1].lower().lstrip("(\"'“«„") if before else ""
        assert not last.isdigit(), (lang, issue.id, sentence)
        assert last not in ABBREVIATIONS and " ".join(before[-2:]).lower() not in ABBREVIATIONS, (lang, issue.id)
        assert re.match(r"\s+\S", summary[len(sentence) :]), (lang, issue.id)  # a new sentence follows

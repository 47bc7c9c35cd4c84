from __future__ import annotations

import pytest

from bot.match import Matcher


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("gdzie mogę znaleźć lekarza rodzinnego", "pl"),
        ("kde sa môžem prihlásiť na kurz angličtiny", "sk"),
        ("kde se můžu přihlásit na kurz angličtiny", "cs"),
        ("mi-am pierdut locul de muncă și casa", "ro"),
        ("где найти бесплатные курсы английского", "ru"),
        ("де знайти безкоштовні курси англійської", "uk"),
        ("където мога да намеря лекар", "bg"),
        ("onde posso aprender inglês de graça", "pt"),
        ("hol tanulhatok angolul ingyen", "hu"),
        # typed without diacritics: lingua read bare Czech as Slovak; the known words decide
        ("potrebuju vedet kolik stoji kurz anglictiny pro dospele v nasem meste", "cs"),
        ("potrebujem vediet kolko stoji kurz anglictiny pre dospelych v nasom meste", "sk"),
    ],
)
def test_detected_language(matcher: Matcher, text: str, lang: str) -> None:
    assert matcher.match(text).lang == lang


def test_chosen_language_wins_over_detection(matcher: Matcher) -> None:
    assert matcher.match("kde se můžu přihlásit na kurz angličtiny", lang="sk").lang == "sk"


def test_client_language_is_the_fallback_when_nothing_can_be_detected(matcher: Matcher) -> None:
    assert matcher.match("🙂", client_lang="pl").lang == "pl"
    assert matcher.match("🙂").lang == "en"


@pytest.mark.parametrize("text", ["asdfgh qwrtz", "https://example.org/some/page", "<b>**</b>", "xkcd zzz"])
def test_gibberish_links_and_markup_are_answered_in_the_persons_language(matcher: Matcher, text: str) -> None:
    assert matcher.match(text, client_lang="pl").lang == "pl"
    assert matcher.match(text, lang="ro", client_lang="pl").lang == "ro"

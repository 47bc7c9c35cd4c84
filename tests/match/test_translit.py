"""Messages typed in Latin letters in Russian, Ukrainian, Bulgarian, Arabic and Persian are read in their language
(sentences written for these tests)."""

from __future__ import annotations

import pytest

from bot.match import Matcher


@pytest.mark.parametrize(
    ("text", "lang", "topic"),
    [
        ("gde mozhno besplatno uchit angliyskiy yazyk", "ru", "esol"),
        ("yak zapysaty dytynu do shkoly", "uk", "schools"),
        ("kak da si nameria lekar tuk", "bg", "health-rights-access"),
        ("ana bdawwer 3ala kors engleezi", "ar", "esol"),
        ("chetor mitoonam doktor peyda konam", "fa", "health-rights-access"),
        # Arabizi with many English loanwords: the digits (3 = ع, 7 = ح, 2 = ء) show it is Arabic
        (
            "ana mohandis men el 3ira2 w ma3i degree, kif a5alli el shahada ma3tarafa hon",
            "ar",
            "overseas-qualifications",
        ),
    ],
)
def test_transliterated_questions_are_understood_and_answered_in_their_language(
    matcher: Matcher, text: str, lang: str, topic: str
) -> None:
    result = matcher.match(text)
    assert result.lang == lang
    assert topic in [m.issue for m in result.matches[:3]]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("where can I learn English", "en"),
        ("gdzie moge sie nauczyc angielskiego", "pl"),
        ("kde najdu lekare", "cs"),
        # digits inside English words are not Arabizi: ordinals, postcodes, "b2b"
        ("my 2nd son starts school on the 3rd, we live at NG7 2AB, b2b meetings all week", "en"),
    ],
)
def test_latin_languages_are_not_mistaken_for_transliteration(matcher: Matcher, text: str, lang: str) -> None:
    assert matcher.translit.read(text) is None
    assert matcher.match(text).lang == lang


def test_finglish_that_arabic_letters_explain_as_well_is_read_as_persian(matcher: Matcher) -> None:
    # both readings know the same share of these words; without Arabizi digits (3, 7, 2) the Persian one wins
    reading = matcher.translit.read(
        "salam, ye name az bank umade vali nemifahmam chi neveshte, kasi hast baram tarjome kone?"
    )
    assert reading is not None and reading.lang == "fa"


def test_an_emergency_in_arabizi_is_a_crisis_when_its_typed_words_are_sure(
    matcher: Matcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read into Arabic letters, a father who fell, is shaking and does not answer looks ordinary to the words model;
    as typed, in Latin letters, the model learned such messages and is sure: the crisis reply, not only the line."""
    text = "ya rab, bayyi wa2e3 3al ard w 3am yer3ash w ma 3am yerod 3alayna"
    assert matcher.match(text).danger == "crisis"
    monkeypatch.setattr("bot.match.matcher.TYPED_SURE", 99.0)  # the typed reading ignored
    assert matcher.match(text).danger != "crisis"

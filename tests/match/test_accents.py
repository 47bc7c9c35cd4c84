"""Messages typed without diacritics are read a second time with them (sentences written for these tests)."""

from __future__ import annotations

import pytest

from bot.match import Matcher
from bot.match.accents import AccentRestorer

TEXTS = {
    "pl": ["Szukam szkoły dla córki", "Dla córki nie ma szkoły", "Gdzie jest szkoła?", "Córka ma osiem lat"],
    "lv": ["Es stāvu pie durvīm", "Viņš stāvu neredz", "Es domāju par to", "Es domāju, ka jā"],
    "en": ["where is the school", "the school is closed"],
}


def test_words_get_their_usual_written_form() -> None:
    restorer = AccentRestorer.build(TEXTS)
    assert restorer.restore("Szukam szkoly dla corki", "pl") == "Szukam szkoły dla córki"
    assert restorer.restore("es stavu un domaju", "lv") == "es stāvu un domāju"


def test_capitals_are_kept() -> None:
    assert AccentRestorer.build(TEXTS).restore("Corki", "pl") == "Córki"


def test_nothing_to_restore_gives_none() -> None:
    restorer = AccentRestorer.build(TEXTS)
    assert restorer.restore("Szukam szkoły dla córki", "pl") is None  # typed with diacritics: read as typed
    assert restorer.restore("where is the school", "en") is None  # a language without diacritics
    assert restorer.restore("dom i ogród", None) is None  # no language known
    assert restorer.restore("tak albo nie", "pl") is None  # no word that has them


def test_a_form_written_once_is_not_trusted() -> None:
    restorer = AccentRestorer.build({"pl": ["Jedzie pociąg", "Gdzie jest dworzec?"]})
    assert restorer.restore("pociag", "pl") is None


@pytest.mark.parametrize(
    ("text", "lang", "restored_words"),
    [
        ("nie moge znalezc szkoly dla corki, wszedzie mowia ze nie ma miejsc", "pl", ("mogę", "szkoły")),
        ("mam problem s pracou, sef mi neplati uz dva mesiace", "sk", ("prácou", "mesiace")),
        ("nu gasesc scoala pentru fiica mea, toate sunt pline", "ro", ("găsesc", "școal")),
    ],
)
def test_the_meaning_model_reads_the_message_with_its_diacritics(
    matcher: Matcher, monkeypatch: pytest.MonkeyPatch, text: str, lang: str, restored_words: tuple[str, ...]
) -> None:
    assert matcher.semantic is not None
    seen: list[str] = []
    embed = matcher.semantic.embed

    def recording(texts: list[str]):  # type: ignore[no-untyped-def]
        seen.extend(texts)
        return embed(texts)

    monkeypatch.setattr(matcher.semantic, "embed", recording)
    result = matcher.match(text)
    assert result.lang == lang
    assert text in seen
    assert any(all(word in reading.casefold() for word in restored_words) for reading in seen)

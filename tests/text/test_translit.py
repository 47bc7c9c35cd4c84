"""Latin letters rewritten into Cyrillic, Arabic and Persian script."""

from __future__ import annotations

from bot.text.translit import candidates, is_latin_only, to_script


def test_russian_in_latin_letters_reads_as_cyrillic() -> None:
    assert to_script("gde mozhno snyat' zhilyo", "ru") == "где можно снять жилё"


def test_ukrainian_rules_differ_from_russian() -> None:
    assert to_script("shcho robyty", "uk") == "що робити"


def test_arabizi_digits_are_letters() -> None:
    rewritten = to_script("3andi mushkila w 7ayati sa3ba", "ar")
    assert "ع" in rewritten and "ح" in rewritten and not any(ch.isdigit() for ch in rewritten)


def test_only_latin_messages_have_candidates() -> None:
    assert candidates("нужна помощь") == {}
    assert set(candidates("nuzhna pomoshch")) == {"ru", "uk", "bg", "ar", "fa"}
    assert is_latin_only("Potrzebuję lekarza") is False  # Polish letters are not basic Latin
    assert is_latin_only("hello 123") is True


def test_bulgarian_q_is_ya_and_digits_are_letters() -> None:
    # "shlyokavitsa": я typed as q, ш as 6, щ as 6t, ч as 4
    assert to_script("nqmam pari za 4astni uroci, 6te hodq", "bg") == "нямам пари за частни уроци ще ходя"

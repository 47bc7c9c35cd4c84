"""Word-to-word similarity, and the rows kept for words seen before."""

from __future__ import annotations

import numpy as np

from bot.match.similarity import WordRows, alike_terms, dense, lengths, similarity_matrix


def test_alike_terms_keep_what_the_matrix_says_above_the_floor() -> None:
    terms = ["doctor", "doctors", "lekarz", "school", "gp"]
    words = ["doctor", "lekarza", "gp", "weather"]
    matrix = similarity_matrix(words, terms, lengths(terms))
    rows = alike_terms(words, terms, lengths(terms), 0.7)
    np.testing.assert_array_equal(dense(rows, len(terms)), np.where(matrix >= 0.7, matrix, 0.0))
    assert [terms[c] for c in rows[1][0]] == ["lekarz"]  # an inflected ending
    assert len(rows[3][0]) == 0  # nothing like "weather"


def test_a_word_is_compared_once_and_rows_come_back_in_the_words_order() -> None:
    asked: list[list[str]] = []

    def compute(words: list[str]) -> list[str]:
        asked.append(list(words))
        return [w.upper() for w in words]

    rows = WordRows(compute, size=100)
    assert rows(["help", "me", "help"]) == ["HELP", "ME", "HELP"]
    assert rows(["me", "now"]) == ["ME", "NOW"]
    assert asked == [["help", "me"], ["now"]]


def test_the_least_recently_used_words_are_forgotten_beyond_the_size() -> None:
    asked: list[str] = []

    def compute(words: list[str]) -> list[int]:
        asked.extend(words)
        return [len(w) for w in words]

    rows = WordRows(compute, size=2)
    rows(["a", "bb"])
    rows(["a"])  # "a" is now the most recently used
    rows(["ccc"])  # "bb" goes
    rows(["a", "bb"])
    assert asked == ["a", "bb", "ccc", "bb"]

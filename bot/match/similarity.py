"""Word-to-word similarity for inflected languages and typos, computed in rapidfuzz's C++ batch calls.

Two words are alike when they share a long enough prefix (inflected endings: "lekarza" ~ "lekarz",
"angielskiego" ~ "angielski") or when they are nearly equal (typos: "recieve" ~ "receive").

Why not a lemmatiser: simplemma, measured here, needs 422 MB and 3.7 s for Polish alone, 155 MB for Russian,
and 951 MB and 11 s for our 13 languages together — far over the budget (300 MB, 3 s start-up). Prefix
similarity on folded words, computed in rapidfuzz's C++ batch calls, handles the endings our phrasings meet
with no memory cost; the phrasings list the irregular forms.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Prefix

MIN_PREFIX = 3
TYPO_MIN_RATIO = 85.0
TYPO_MIN_LENGTH = 7  # shorter words differ by one letter too often (погода ~ полгода)
Row = TypeVar("Row")
Sparse = tuple[np.ndarray, np.ndarray]  # (term columns, similarities)


def similarity_matrix(queries: Sequence[str], terms: Sequence[str], term_lengths: np.ndarray) -> np.ndarray:
    """|queries| x |terms| similarities in 0..1 (0 where the words are not alike at all)."""
    if not queries or not len(terms):
        return np.zeros((len(queries), len(terms)), dtype=np.float32)
    q_len = np.fromiter((len(q) for q in queries), dtype=np.int32, count=len(queries))[:, None]
    t_len = term_lengths[None, :]
    shortest, longest = np.minimum(q_len, t_len), np.maximum(q_len, t_len)
    prefix = process.cdist(queries, terms, scorer=Prefix.similarity, dtype=np.int32, workers=1)
    prefix_ok = (prefix >= MIN_PREFIX) & (prefix >= shortest - 2) & (prefix >= 0.5 * longest)
    by_prefix = np.where(prefix_ok, prefix / longest, 0.0)
    exact = (prefix == longest).astype(np.float32)  # short words ("28", "gp") only match exactly
    ratio = process.cdist(queries, terms, scorer=fuzz.ratio, dtype=np.float32, workers=1)
    by_typo = np.where((ratio >= TYPO_MIN_RATIO) & (shortest >= TYPO_MIN_LENGTH), ratio / 100.0, 0.0)
    scores: np.ndarray = np.maximum(np.maximum(by_prefix, by_typo), exact).astype(np.float32)
    return scores


def lengths(terms: Sequence[str]) -> np.ndarray:
    return np.fromiter((len(t) for t in terms), dtype=np.int32, count=len(terms))


class WordRows(Generic[Row]):
    """Each word's row against a fixed list of terms, computed for the words not seen before in one batch call and
    kept: a message's words are mostly words earlier messages had ("my", "doctor", "help"), and comparing a word
    with thousands of terms is most of the time the words take. The least recently used words are forgotten first,
    beyond `size` (a word's row takes about 500-600 bytes)."""

    def __init__(self, compute: Callable[[list[str]], list[Row]], size: int) -> None:
        self._compute = compute
        self._size = size
        self._rows: OrderedDict[str, Row] = OrderedDict()
        self._lock = threading.Lock()  # messages may be matched in more than one thread

    def __call__(self, words: Sequence[str]) -> list[Row]:
        with self._lock:
            known = {w: self._rows[w] for w in words if w in self._rows}
            for word in known:
                self._rows.move_to_end(word)
        new = [w for w in dict.fromkeys(words) if w not in known]
        if new:
            computed = dict(zip(new, self._compute(new), strict=True))
            with self._lock:
                self._rows.update(computed)
                while len(self._rows) > self._size:
                    self._rows.popitem(last=False)
            known.update(computed)
        return [known[w] for w in words]


def alike_terms(queries: list[str], terms: Sequence[str], term_lengths: np.ndarray, floor: float) -> list[Sparse]:
    """Per query word, the terms at least `floor` alike and how alike (`similarity_matrix`, kept sparse)."""
    matrix = similarity_matrix(queries, terms, term_lengths)
    rows = []
    for row in matrix:
        columns = np.flatnonzero(row >= floor)
        rows.append((columns, row[columns]))
    return rows


def dense(rows: Sequence[Sparse], width: int) -> np.ndarray:
    """Sparse rows (`alike_terms`) back to a (rows, width) matrix, 0 elsewhere."""
    out = np.zeros((len(rows), width), dtype=np.float32)
    for n, (columns, values) in enumerate(rows):
        out[n, columns] = values
    return out

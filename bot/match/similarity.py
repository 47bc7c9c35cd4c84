"""Word-to-word similarity for inflected languages and typos, computed in rapidfuzz's C++ batch calls.

Two words are alike when they share a long enough prefix (inflected endings: "lekarza" ~ "lekarz",
"angielskiego" ~ "angielski") or when they are nearly equal (typos: "recieve" ~ "receive").

Why not a lemmatiser: simplemma, measured here, needs 422 MB and 3.7 s for Polish alone, 155 MB for Russian,
and 951 MB and 11 s for our 13 languages together — far over the budget (300 MB, 3 s start-up). Prefix
similarity on folded words, computed in rapidfuzz's C++ batch calls, handles the endings our phrasings meet
with no memory cost; the phrasings list the irregular forms.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Prefix

MIN_PREFIX = 3
TYPO_MIN_RATIO = 85.0
TYPO_MIN_LENGTH = 7  # shorter words differ by one letter too often (погода ~ полгода)


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

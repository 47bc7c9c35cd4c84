"""Crisis detection: does a message show an immediate risk to someone's life or safety?

Each crisis phrase in `knowledge/crisis/<lang>.yaml` fires when every one of its words appears in the message,
in any order, allowing an inflected ending ("kill" ~ "killing", "zabić" ~ "zabije") or a typo. Phrases of all
languages are checked, whatever language the message seems to be in: missing a crisis is the worst error.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Prefix

from bot.kb.model import KnowledgeBase
from bot.match.similarity import lengths
from bot.text.normalise import tokens

MAX_EXTRA_LETTERS = 3  # "kill" matches "killing" but not "killjoys"
TYPO_MIN_RATIO = 88.0
TYPO_MIN_LENGTH = 6


@dataclass(frozen=True)
class CrisisHit:
    kind: str  # suicide, violence, trafficking, child, medical
    phrase: str
    lang: str


class CrisisDetector:
    def __init__(self, kb: KnowledgeBase) -> None:
        self._phrases: list[CrisisHit] = []
        phrase_terms: list[list[str]] = []
        for lang, kinds in kb.crisis.items():
            for kind, phrases in kinds.items():
                for phrase in phrases:
                    words = tokens(phrase)
                    if words:
                        self._phrases.append(CrisisHit(kind, phrase, lang))
                        phrase_terms.append(words)
        self._terms = sorted({w for words in phrase_terms for w in words})
        self._term_lengths = lengths(self._terms)
        column = {t: n for n, t in enumerate(self._terms)}
        # each phrase's terms, flattened with start offsets: a phrase fires when none of its terms is missing
        self._phrase_terms = np.array([column[w] for words in phrase_terms for w in words], dtype=np.int64)
        self._phrase_starts = np.cumsum([0] + [len(words) for words in phrase_terms[:-1]], dtype=np.int64)
        self._phrase_sizes = np.array([len(words) for words in phrase_terms], dtype=np.int64)

    def detect(self, words: list[str]) -> CrisisHit | None:
        words = list(dict.fromkeys(words))
        if not words or not self._terms:
            return None
        present = self._terms_present(words)
        if not present.any():
            return None
        found = np.add.reduceat(present[self._phrase_terms].astype(np.int64), self._phrase_starts)
        fired = np.flatnonzero(found == self._phrase_sizes)
        if not len(fired):
            return None
        # the most specific phrase (most words) explains the alarm best
        best = fired[np.argmax(self._phrase_sizes[fired])]
        return self._phrases[int(best)]

    def _terms_present(self, words: list[str]) -> np.ndarray:
        w_len = lengths(words)[:, None]
        t_len = self._term_lengths[None, :]
        prefix = process.cdist(words, self._terms, scorer=Prefix.similarity, dtype=np.int32, workers=1)
        exact = (prefix == t_len) & (w_len == t_len)
        inflected = (prefix >= np.maximum(3, t_len - 1)) & (w_len - prefix <= MAX_EXTRA_LETTERS) & (t_len >= 3)
        ratio = process.cdist(words, self._terms, scorer=fuzz.ratio, dtype=np.float32, workers=1)
        typo = (ratio >= TYPO_MIN_RATIO) & (t_len >= TYPO_MIN_LENGTH)
        present: np.ndarray = (exact | inflected | typo).any(axis=0)
        return present

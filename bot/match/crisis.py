"""Crisis detection: does a message show an immediate risk to someone's life or safety?

Each crisis phrase in `knowledge/crisis/<lang>.yaml` fires when every one of its words appears in the message,
in any order, allowing an inflected ending ("kill" ~ "killing", "zabić" ~ "zabije") or a typo. Phrases of all
languages are checked, whatever language the message seems to be in: missing a crisis is the worst error. Endings,
typos and free word order are a language's own, though: a phrase of a language the message is not written in (nor a
close relative) must appear word for word and in its order to count as a crisis phrase (the English "mate" is not
the Portuguese "mata", and "me" here and "mate's sofa" there are not the Portuguese "me mate"); found only loosely
it is a hint (`loose`): the one-line "call 999", never taken away.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Prefix

from bot.kb.model import KnowledgeBase
from bot.languages import LANGUAGES, relatives
from bot.match.similarity import lengths
from bot.text.normalise import contains_phrase, tokens

MAX_EXTRA_LETTERS = 3  # "kill" matches "killing" but not "killjoys"
TYPO_MIN_RATIO = 88.0
TYPO_MIN_LENGTH = 6


@dataclass(frozen=True)
class CrisisHit:
    kind: str  # suicide, violence, trafficking, child, medical
    phrase: str
    lang: str
    loose: bool = False  # found only with another language's endings or typos: a hint, not a trusted phrase


class CrisisDetector:
    def __init__(self, kb: KnowledgeBase) -> None:
        self._phrases: list[CrisisHit] = []
        self._langs: dict[str, np.ndarray] = {}  # language -> which phrases are its own or a close relative's
        phrase_terms: list[list[str]] = []  # each phrase's words, as written
        for lang, kinds in kb.crisis.items():
            for kind, phrases in kinds.items():
                for phrase in phrases:
                    words = tokens(phrase)
                    if words:
                        self._phrases.append(CrisisHit(kind, phrase, lang))
                        phrase_terms.append(words)
        self._words = [tuple(words) for words in phrase_terms]
        self._terms = sorted({w for words in phrase_terms for w in words})
        self._term_lengths = lengths(self._terms)
        column = {t: n for n, t in enumerate(self._terms)}
        # each phrase's terms, flattened with start offsets: a phrase fires when none of its terms is missing
        self._phrase_terms = np.array([column[w] for words in phrase_terms for w in words], dtype=np.int64)
        self._phrase_starts = np.cumsum([0] + [len(words) for words in phrase_terms[:-1]], dtype=np.int64)
        self._phrase_sizes = np.array([len(words) for words in phrase_terms], dtype=np.int64)
        phrase_langs = np.array([hit.lang for hit in self._phrases])
        for lang in LANGUAGES:
            self._langs[lang] = np.isin(phrase_langs, sorted(relatives(lang)))

    def detect(self, words: list[str], lang: str | None = None) -> CrisisHit | None:
        """`lang`: the message's language, when known: other languages' phrases then match word for word, and one
        found only with their endings or typos comes back `loose`."""
        in_order = words
        words = list(dict.fromkeys(words))
        if not words or not self._terms:
            return None
        exact, present = self._terms_present(words)
        if not present.any():
            return None
        fires = self._fires(present)
        own = self._langs.get(lang) if lang is not None else None
        if own is not None:
            foreign = ~own & self._fires(exact)
            for n in np.flatnonzero(foreign):
                foreign[n] = contains_phrase(in_order, self._words[n])
            strict = np.where(own, fires, foreign)
            if not strict.any():
                hit = self._best(fires)
                return replace(hit, loose=True) if hit is not None else None
            fires = strict
        return self._best(fires)

    def _best(self, fires: np.ndarray) -> CrisisHit | None:
        """Of the phrases that fired, the most specific (most words): it explains the alarm best."""
        fired = np.flatnonzero(fires)
        if not len(fired):
            return None
        return self._phrases[int(fired[np.argmax(self._phrase_sizes[fired])])]

    def _fires(self, present: np.ndarray) -> np.ndarray:
        """Per phrase: is every one of its terms present?"""
        found = np.add.reduceat(present[self._phrase_terms].astype(np.int64), self._phrase_starts)
        fires: np.ndarray = found == self._phrase_sizes
        return fires

    def _terms_present(self, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Per term: present word for word, and present with an inflected ending or a typo allowed."""
        w_len = lengths(words)[:, None]
        t_len = self._term_lengths[None, :]
        prefix = process.cdist(words, self._terms, scorer=Prefix.similarity, dtype=np.int32, workers=1)
        exact = (prefix == t_len) & (w_len == t_len)
        inflected = (prefix >= np.maximum(3, t_len - 1)) & (w_len - prefix <= MAX_EXTRA_LETTERS) & (t_len >= 3)
        ratio = process.cdist(words, self._terms, scorer=fuzz.ratio, dtype=np.float32, workers=1)
        typo = (ratio >= TYPO_MIN_RATIO) & (t_len >= TYPO_MIN_LENGTH)
        return exact.any(axis=0), (exact | inflected | typo).any(axis=0)

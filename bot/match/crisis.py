"""Crisis detection: does a message show an immediate risk to someone's life or safety?

Each crisis phrase in `knowledge/crisis/<lang>.yaml` fires when every one of its words appears in the message,
in any order, allowing an inflected ending ("kill" ~ "killing", "zabić" ~ "zabije") or a typo. Phrases of all
languages are checked, whatever language the message seems to be in: missing a crisis is the worst error. Endings,
typos and free word order are a language's own, though: a phrase of a language the message is not written in (nor a
close relative) must appear word for word and in its order to count as a crisis phrase (the English "mate" is not
the Portuguese "mata", and "me" here and "mate's sofa" there are not the Portuguese "me mate"); found only loosely
it is a hint (`loose`): the one-line "call 999", never taken away.

A phrase's words must all be there, but a long message can hold them far apart, in different clauses ("we don't
want trouble, but it is hard to live like this" holds "don't want to live"). Such a find is `scattered`: it still
counts as a crisis phrase when the learned signals do not read the message as ordinary (bot/match/danger.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Prefix

from bot.kb.model import KnowledgeBase
from bot.languages import LANGUAGES, relatives
from bot.match.similarity import WordRows, lengths
from bot.text.normalise import contains_phrase, tokens

MAX_EXTRA_LETTERS = 3  # "kill" matches "killing" but not "killjoys"
# a phrase is scattered when the fewest consecutive words holding all of its words have more than this many others
# among them: on round 17's sets R and U and the tests' data, no crisis phrase in a crisis was that spread out and read
# as ordinary, while eight false alarms were
SCATTERED_AFTER = 2
TYPO_MIN_RATIO = 88.0
TYPO_MIN_LENGTH = 6
WORDS_KEPT = 4000  # words kept with the crisis terms they are like (~600 bytes each: at most 2.4 MB)


@dataclass(frozen=True)
class CrisisHit:
    kind: str  # suicide, violence, trafficking, child, medical
    phrase: str
    lang: str
    loose: bool = False  # found only with another language's endings or typos: a hint, not a trusted phrase
    scattered: bool = False  # its words far apart in the message: trusted only when the learned signals agree


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
        self._rows = WordRows(self._compare, WORDS_KEPT)  # each word's terms, kept for the next message with that word
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
        exact_matrix, matrix = self._matches(words)
        exact, present = np.any(exact_matrix, axis=0), np.any(matrix, axis=0)
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
        fired = np.flatnonzero(fires)
        if not len(fired):
            return None
        # a phrase whose words stand together explains the alarm better than a longer one spread over the message
        where: dict[str, list[int]] = {}
        for place, word in enumerate(in_order):
            where.setdefault(word, []).append(place)
        positions = [where[unique] for unique in words]
        scattered = np.array([self._spread(int(n), matrix, positions) > SCATTERED_AFTER for n in fired], dtype=bool)
        if not scattered.all():
            fired = fired[~scattered]
        hit = self._best_of(fired)
        return replace(hit, scattered=True) if hit is not None and scattered.all() else hit

    def _spread(self, n: int, matrix: np.ndarray, positions: list[list[int]]) -> int:
        """How many other words stand among phrase `n`'s words in the message, at the closest: 0 when together."""
        start = int(self._phrase_starts[n])
        terms = self._phrase_terms[start : start + int(self._phrase_sizes[n])]
        places = [sorted(p for u in np.flatnonzero(matrix[:, t]) for p in positions[u]) for t in terms]
        if len(places) < 2 or not all(places):
            return 0
        best = None
        for first in places[0]:  # a window around each place of the first word: the nearest place of every other
            near = [min(p, key=lambda q: abs(q - first)) for p in places[1:]]
            width = max([first, *near]) - min([first, *near]) - (len(places) - 1)
            best = width if best is None else min(best, width)
        return max(best or 0, 0)

    def _best(self, fires: np.ndarray) -> CrisisHit | None:
        return self._best_of(np.flatnonzero(fires))

    def _best_of(self, fired: np.ndarray) -> CrisisHit | None:
        """Of the phrases that fired, the most specific (most words): it explains the alarm best."""
        if not len(fired):
            return None
        return self._phrases[int(fired[np.argmax(self._phrase_sizes[fired])])]

    def _fires(self, present: np.ndarray) -> np.ndarray:
        """Per phrase: is every one of its terms present?"""
        found = np.add.reduceat(present[self._phrase_terms].astype(np.int64), self._phrase_starts)
        fires: np.ndarray = found == self._phrase_sizes
        return fires

    def _matches(self, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(words, terms): the word is the term word for word, and with an inflected ending or a typo allowed."""
        exact = np.zeros((len(words), len(self._terms)), dtype=bool)
        alike = np.zeros((len(words), len(self._terms)), dtype=bool)
        for n, (same, near) in enumerate(self._rows(words)):
            exact[n, same] = True
            alike[n, near] = True
        return exact, alike

    def _compare(self, words: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per word, the terms it is word for word, and those it is with an ending or a typo allowed (or exactly)."""
        w_len = lengths(words)[:, None]
        t_len = self._term_lengths[None, :]
        prefix = process.cdist(words, self._terms, scorer=Prefix.similarity, dtype=np.int32, workers=1)
        exact = (prefix == t_len) & (w_len == t_len)
        inflected = (prefix >= np.maximum(3, t_len - 1)) & (w_len - prefix <= MAX_EXTRA_LETTERS) & (t_len >= 3)
        ratio = process.cdist(words, self._terms, scorer=fuzz.ratio, dtype=np.float32, workers=1)
        typo = (ratio >= TYPO_MIN_RATIO) & (t_len >= TYPO_MIN_LENGTH)
        alike = exact | inflected | typo
        return [(np.flatnonzero(same), np.flatnonzero(near)) for same, near in zip(exact, alike, strict=True)]

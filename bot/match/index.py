"""The phrasings index: for each language, the words of every issue's phrasings and how specific each word is.

Built once at start-up from the knowledge base. English also indexes the toolkit's own text (titles,
summaries, actions) at a lower weight, so staff vocabulary ("JSNA", "HMO licensing") is found too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from bot.kb.model import KnowledgeBase
from bot.match.similarity import lengths
from bot.text.normalise import tokens

TOOLKIT_TEXT_WEIGHT = 0.6


@dataclass(frozen=True)
class LanguageIndex:
    lang: str
    terms: list[str]
    term_lengths: np.ndarray  # (terms,)
    weights: np.ndarray  # (terms, issues): how strongly a term points to an issue, 0..1
    idf: np.ndarray  # (terms,): rare words weigh more
    stopwords: frozenset[str]


@dataclass(frozen=True)
class PhrasingsIndex:
    issue_ids: list[str]
    languages: dict[str, LanguageIndex]
    max_idf: float

    @classmethod
    def build(cls, kb: KnowledgeBase) -> PhrasingsIndex:
        issue_ids = [i.id for i in kb.issues]
        column = {issue_id: n for n, issue_id in enumerate(issue_ids)}
        languages: dict[str, LanguageIndex] = {}
        for lang, table in kb.phrasings.items():
            stop = folded_stopwords(kb, lang)
            term_weights: dict[str, np.ndarray] = {}

            def add(text: str, issue_id: str, weight: float, stop: frozenset[str] = stop) -> None:
                for word in tokens(text):
                    if word in stop or (len(word) < 2 and not word.isdigit()):
                        continue
                    row = term_weights.setdefault(word, np.zeros(len(issue_ids), dtype=np.float32))
                    row[column[issue_id]] = max(row[column[issue_id]], weight)

            for issue_id, phrasings in table.items():
                for phrasing in phrasings:
                    add(phrasing, issue_id, 1.0)
            if lang == "en":
                for issue in kb.issues:
                    for text in (issue.title, issue.summary, *issue.actions):
                        add(text, issue.id, TOOLKIT_TEXT_WEIGHT)
            terms = sorted(term_weights)
            weights = np.stack([term_weights[t] for t in terms]) if terms else np.zeros((0, len(issue_ids)))
            df = (weights > 0).sum(axis=1)
            idf = np.log((len(issue_ids) + 1) / (df + 0.5)).astype(np.float32)
            languages[lang] = LanguageIndex(lang, terms, lengths(terms), weights.astype(np.float32), idf, stop)
        max_idf = math.log((len(issue_ids) + 1) / 1.5)
        return cls(issue_ids, languages, max_idf)


def folded_stopwords(kb: KnowledgeBase, lang: str) -> frozenset[str]:
    words: set[str] = set()
    for entry in kb.stopwords.get(lang, ()):
        words.update(tokens(entry))
    return frozenset(words)

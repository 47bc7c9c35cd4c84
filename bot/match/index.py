"""The phrasings index: for each language, the words of every issue's phrasings and how specific each word is.

Built once at start-up from the knowledge base. English also indexes the toolkit's own text (titles,
summaries, actions) at a lower weight, so staff vocabulary ("JSNA", "HMO licensing") is found too.
"""

from __future__ import annotations

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
    # phrasing level: which issue each phrasing belongs to, its weight, and for each term the phrasings using it
    phrase_issue: np.ndarray  # (phrasings,)
    phrase_norm: np.ndarray  # (phrasings,): sum of the idf of its terms
    phrase_sizes: np.ndarray  # (phrasings,): how many distinct terms
    postings_start: np.ndarray  # (terms + 1,): CSR offsets into postings
    postings: np.ndarray  # phrasing numbers


@dataclass(frozen=True)
class PhrasingsIndex:
    issue_ids: list[str]
    languages: dict[str, LanguageIndex]

    @classmethod
    def build(cls, kb: KnowledgeBase) -> PhrasingsIndex:
        issue_ids = [i.id for i in kb.issues]
        column = {issue_id: n for n, issue_id in enumerate(issue_ids)}
        languages: dict[str, LanguageIndex] = {}
        for lang, table in kb.phrasings.items():
            stop = folded_stopwords(kb, lang)
            term_weights: dict[str, np.ndarray] = {}
            phrases: list[tuple[int, list[str]]] = []

            def add(
                text: str,
                issue_id: str,
                weight: float,
                stop: frozenset[str] = stop,
                table: dict[str, np.ndarray] = term_weights,
            ) -> list[str]:
                words = [w for w in tokens(text) if w not in stop and (len(w) > 1 or w.isdigit())]
                for word in words:
                    row = table.setdefault(word, np.zeros(len(issue_ids), dtype=np.float32))
                    row[column[issue_id]] = max(row[column[issue_id]], weight)
                return words

            for issue_id, phrasings in table.items():
                for phrasing in phrasings:
                    if words := add(phrasing, issue_id, 1.0):
                        phrases.append((column[issue_id], list(dict.fromkeys(words))))
            if lang == "en":
                for issue in kb.issues:
                    for text in (issue.title, issue.summary, *issue.actions):
                        add(text, issue.id, TOOLKIT_TEXT_WEIGHT)
            terms = sorted(term_weights)
            weights = np.stack([term_weights[t] for t in terms]) if terms else np.zeros((0, len(issue_ids)))
            df = (weights > 0).sum(axis=1)
            idf = np.log((len(issue_ids) + 1) / (df + 0.5)).astype(np.float32)
            term_number = {t: n for n, t in enumerate(terms)}
            by_term: list[list[int]] = [[] for _ in terms]
            for number, (_, words) in enumerate(phrases):
                for word in words:
                    by_term[term_number[word]].append(number)
            starts = np.zeros(len(terms) + 1, dtype=np.int64)
            starts[1:] = np.cumsum([len(p) for p in by_term])
            languages[lang] = LanguageIndex(
                lang,
                terms,
                lengths(terms),
                weights.astype(np.float32),
                idf,
                stop,
                phrase_issue=np.array([issue for issue, _ in phrases], dtype=np.int64),
                phrase_norm=np.array(
                    [sum(idf[term_number[w]] for w in words) for _, words in phrases], dtype=np.float32
                ),
                phrase_sizes=np.array([len(words) for _, words in phrases], dtype=np.int64),
                postings_start=starts,
                postings=np.array([n for p in by_term for n in p], dtype=np.int64),
            )
        return cls(issue_ids, languages)


def folded_stopwords(kb: KnowledgeBase, lang: str) -> frozenset[str]:
    words: set[str] = set()
    for entry in kb.stopwords.get(lang, ()):
        words.update(tokens(entry))
    return frozenset(words)

"""Semantic evidence: how close a message's meaning is to the knowledge's example texts, in any language.

Every phrasing and example message (all languages) is embedded once (cached on disk); a message is embedded at
question time and compared with all of them in one matrix product. A label's score is the mean of its `k`
nearest texts, so one odd example cannot decide alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.kb.load import NOT_A_CRISIS, NOT_AN_ISSUE
from bot.kb.model import CRISIS_KINDS, KnowledgeBase
from bot.match.danger_model import DangerDirection
from bot.match.products import Products
from bot.match.topic_model import TopicDirections
from bot.semantic import EmbeddingCache
from bot.semantic.cache import Progress

K_NEAREST = 3


@dataclass(frozen=True)
class LabelledVectors:
    """Texts' embeddings grouped by label: rows sorted by label, `starts[i]:starts[i+1]` are label i's rows."""

    labels: tuple[str, ...]
    vectors: np.ndarray  # (texts, dim)
    starts: np.ndarray  # (labels + 1,)

    @classmethod
    def build(cls, groups: dict[str, list[str]], cache: EmbeddingCache, progress: Progress | None) -> LabelledVectors:
        labels = tuple(label for label, texts in groups.items() if texts)
        texts = [t for label in labels for t in groups[label]]
        sizes = [len(groups[label]) for label in labels]
        vectors = cache.passages(texts, progress) if texts else np.zeros((0, 1), dtype=np.float32)
        return cls(labels, vectors, np.cumsum([0, *sizes]))

    def similarities(self, queries: np.ndarray, products: Products) -> np.ndarray:
        """Cosines of every text with every query: (texts, queries)."""
        if not len(self.vectors):
            return np.zeros((0, len(queries)), dtype=np.float32)
        return products(self.vectors, queries)

    def nearest(self, sims: np.ndarray, k: int = K_NEAREST) -> np.ndarray:
        """Per label and query, the mean similarity of the label's k nearest texts: (labels, queries)."""
        out = np.zeros((len(self.labels), sims.shape[1]), dtype=np.float32)
        for n in range(len(self.labels)):
            part = sims[self.starts[n] : self.starts[n + 1]]
            top = min(k, len(part))
            if not top:
                continue
            out[n] = np.partition(part, len(part) - top, axis=0)[len(part) - top :].mean(axis=0)
        return out


def issue_texts(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Issue id (and "none") -> its texts in every language: phrasings, example messages, the toolkit's title."""
    groups: dict[str, list[str]] = {issue.id: [issue.title] for issue in kb.issues}
    groups[NOT_AN_ISSUE] = []
    for source in (kb.phrasings, kb.examples):
        for per_issue in source.values():
            for label, texts in per_issue.items():
                groups.setdefault(label, []).extend(texts)
    return {label: list(dict.fromkeys(texts)) for label, texts in groups.items()}


def crisis_texts(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Crisis kind (and "not_crisis") -> example messages in every language, plus the crisis phrases."""
    groups: dict[str, list[str]] = {kind: [] for kind in (*CRISIS_KINDS, NOT_A_CRISIS)}
    for per_kind in kb.crisis_examples.values():
        for label, texts in per_kind.items():
            groups[label].extend(texts)
    return {label: list(dict.fromkeys(texts)) for label, texts in groups.items()}


@dataclass(frozen=True)
class SemanticScores:
    issues: np.ndarray  # (issues,) in `issue_ids` order: k-nearest similarity, calibrated 0..1
    off_topic: float  # the same for the off-topic examples
    crisis: dict[str, float]  # crisis kind -> how much closer to that kind's examples than to ordinary messages
    look_alike: float = 0.0  # how much closer to the look-alikes ("this form is killing me") than to any crisis
    pointed: np.ndarray | None = None  # (issues,): how strongly the topic classifier points to each issue, 0..1
    danger_now: float | None = None  # the danger classifier's reading of the whole message (or in its own script)
    # `look_alike` is the whole message's reading; this is each sentence's, for a message of several (the matcher
    # adds the one that holds a crisis phrase)
    look_alike_parts: tuple[float, ...] = ()
    # each sentence's own readings, for a message of several: how much closer to some crisis than to ordinary
    # messages, and the danger classifier's reading (bot/match/danger.py weighs them with the sentence's words)
    crisis_parts: tuple[float, ...] = ()
    danger_parts: tuple[float, ...] = ()


class Semantic:
    """The embedding model plus the knowledge's embedded texts: scores a message against issues and crises."""

    def __init__(
        self,
        kb: KnowledgeBase,
        cache: EmbeddingCache,
        progress: Progress | None = None,
        products: Products | None = None,
    ) -> None:
        self.encoder = cache.encoder
        self.products = products or Products()
        self.cache_dir = cache.path.parent
        groups = issue_texts(kb)
        self.issue_ids = [issue.id for issue in kb.issues]
        ordered = {label: groups.get(label, []) for label in (*self.issue_ids, NOT_AN_ISSUE)}
        self.topics = LabelledVectors.build(ordered, cache, progress)
        self.crises = LabelledVectors.build(crisis_texts(kb), cache, progress)
        self._topic_rows = {label: n for n, label in enumerate(self.topics.labels)}
        self._issue_rows = np.array([self._topic_rows.get(i, -1) for i in self.issue_ids], dtype=np.int64)
        self.directions = TopicDirections.fit(self.topics.vectors, self.topics.starts)
        self.danger = DangerDirection.fit(self._danger_groups(), self.topics.vectors.shape[1])

    def embed(self, texts: list[str]) -> np.ndarray:
        return self.encoder.queries(texts)

    def score(self, whole: np.ndarray, parts: np.ndarray) -> SemanticScores:
        """`whole`: embeddings of the message (as typed, and transliterated); `parts`: of its sentences, which
        only count for crises (a crisis can hide in one sentence of an ordinary question)."""
        vectors = np.vstack([whole, parts]) if len(parts) else whole
        topics = self.topics.nearest(self.topics.similarities(vectors, self.products))  # (labels, vectors)
        topic = topics[:, : len(whole)].max(axis=1)
        per_issue = self._by_issue(topic)
        off_topic = float(topic[self._topic_rows[NOT_AN_ISSUE]]) if NOT_AN_ISSUE in self._topic_rows else 0.0
        crisis: dict[str, float] = {}
        look_alike = -1.0
        look_alike_parts: tuple[float, ...] = ()
        crisis_parts: tuple[float, ...] = ()
        near = self.crises.nearest(self.crises.similarities(vectors, self.products))  # (kinds, vectors)
        kinds = [n for n, kind in enumerate(self.crises.labels) if kind != NOT_A_CRISIS]
        if NOT_A_CRISIS in self.crises.labels:
            not_crisis = near[self.crises.labels.index(NOT_A_CRISIS)]
        else:
            not_crisis = np.zeros(len(vectors), dtype=np.float32)
        if kinds:
            ordinary = np.maximum(topics.max(axis=0), not_crisis)
            for n in kinds:
                crisis[self.crises.labels[n]] = float((near[n] - ordinary).max())
            nearest_crisis = near[kinds].max(axis=0)
            per_vector = not_crisis - nearest_crisis
            look_alike = float(per_vector[: len(whole)].max())
            look_alike_parts = tuple(float(v) for v in per_vector[len(whole) :])
            crisis_parts = tuple(float(v) for v in (nearest_crisis - ordinary)[len(whole) :])
        floor, ceiling = self.encoder.similarity_range
        scores = calibrate(np.append(per_issue, off_topic), floor, ceiling)
        pointed = self._by_issue(self.directions.scores(whole).max(axis=1))  # the best of the message's readings
        danger_now = float(self.danger.scores(whole).max())  # the whole message: a sentence alone misleads it
        danger_parts = tuple(float(v) for v in self.danger.scores(parts)) if len(parts) else ()
        return SemanticScores(
            scores[:-1],
            float(scores[-1]),
            crisis,
            look_alike,
            pointed,
            danger_now,
            look_alike_parts,
            crisis_parts,
            danger_parts,
        )

    def _danger_groups(self) -> list[tuple[np.ndarray, float]]:
        """Crisis examples (every kind) against the look-alikes and against the topics' texts."""
        labels, starts, vectors = self.crises.labels, self.crises.starts, self.crises.vectors
        if NOT_A_CRISIS not in labels:
            return [(vectors, 1.0), (self.topics.vectors, 0.0)]
        n = labels.index(NOT_A_CRISIS)  # the look-alikes come after every kind (`crisis_texts`)
        return [(vectors[: starts[n]], 1.0), (vectors[starts[n] : starts[n + 1]], 0.0), (self.topics.vectors, 0.0)]

    def _by_issue(self, per_label: np.ndarray) -> np.ndarray:
        """Values per topic label (row order) -> per issue (`issue_ids` order); 0 for an issue with no texts."""
        return np.where(self._issue_rows >= 0, per_label[self._issue_rows], 0.0).astype(np.float32)


def calibrate(similarities: np.ndarray, floor: float, ceiling: float) -> np.ndarray:
    """Cosines to 0..1: `floor` is where unrelated texts sit for this model, `ceiling` where paraphrases do."""
    return np.asarray(np.clip((similarities - floor) / (ceiling - floor), 0.0, 1.0), dtype=np.float32)

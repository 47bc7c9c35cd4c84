"""A learned crisis signal from words: naive Bayes over letter n-grams, trained on the crisis corpus.

Independent of the embedding model and of the hand-written phrases: it learns which pieces of words ("noż", "krvác",
"не диш") come with crises in `knowledge/crisis-examples/` and which come with ordinary questions (the topic
examples and phrasings, and the look-alikes under `not_crisis`). Letter n-grams inside words cope with inflection
and typos in every language. A crisis inside a long ordinary question is found by scoring windows of a few words
and keeping the most alarming one.

Training takes about a second, so the counts are cached on disk, keyed by the training texts.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from bot.text.normalise import tokens

BUCKETS = 1 << 18
N_SIZES = (3, 4, 5)
WINDOW = 6  # words
SMOOTHING = 0.1
# the best of many windows is high by chance alone: a long ordinary message (bins, fishing rules, a neighbour's
# parking) has more windows to find a crisis-like one in, so each doubling of the windows costs this much (x ln 2)
MANY_WINDOWS = 0.1
MODEL_VERSION = b"crisis-nb-1"


def features(words: list[str]) -> np.ndarray:
    """Hashed letter n-grams of each word (with word edges) and word pairs, as bucket numbers."""
    out: list[int] = []
    for n, word in enumerate(words):
        padded = f"<{word}>"
        for size in N_SIZES:
            out.extend(zlib.crc32(padded[i : i + size].encode()) for i in range(max(len(padded) - size + 1, 1)))
        if n:
            out.append(zlib.crc32(f"{words[n - 1]} {word}".encode()))
    return np.array(out, dtype=np.int64) % BUCKETS


class CrisisModel:
    def __init__(self, log_odds: np.ndarray) -> None:
        self.log_odds = log_odds  # (BUCKETS,): how much each feature points to a crisis (log ratio)

    @classmethod
    def train(cls, crisis: Iterable[str], ordinary: Iterable[str], cache_dir: Path | None = None) -> CrisisModel:
        crisis, ordinary = list(crisis), list(ordinary)
        digest = hashlib.sha1(MODEL_VERSION + f"{BUCKETS} {N_SIZES} {SMOOTHING}".encode())
        for label, texts in ((b"1", crisis), (b"0", ordinary)):
            for text in texts:
                digest.update(label + text.encode() + b"\0")
        path = cache_dir / f"crisis-nb-{digest.hexdigest()[:16]}.npy" if cache_dir else None
        if path is not None and path.is_file():
            try:
                return cls(np.load(path))
            except (OSError, ValueError):
                pass
        counts = [np.zeros(BUCKETS, dtype=np.float64), np.zeros(BUCKETS, dtype=np.float64)]
        for n, texts in enumerate((ordinary, crisis)):
            for text in texts:
                np.add.at(counts[n], np.unique(features(tokens(text))), 1.0)
        probs = [(c + SMOOTHING) / (c.sum() + SMOOTHING * BUCKETS) for c in counts]
        log_odds = np.log(probs[1] / probs[0]).astype(np.float32)
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                np.save(path, log_odds)
                for old in path.parent.glob("crisis-nb-*.npy"):  # models of earlier versions of the knowledge
                    if old != path:
                        old.unlink(missing_ok=True)
            except OSError:
                pass
        return cls(log_odds)

    def score(self, words: list[str]) -> float:
        """Mean log-odds of the most alarming window of words, less a little for how many windows there were to
        choose from: > 0 leans to a crisis."""
        if not words:
            return float("-inf")
        best = float("-inf")
        step = max(WINDOW // 2, 1)
        windows = range(0, max(len(words) - WINDOW, 0) + 1, step)
        for start in windows:
            feats = np.unique(features(words[start : start + WINDOW]))
            if len(feats):
                best = max(best, float(self.log_odds[feats].mean()))
        return best - MANY_WINDOWS * float(np.log(len(windows)))

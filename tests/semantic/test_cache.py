"""The embedding cache: the knowledge is embedded once, and after an edit only the changed texts again."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bot.semantic import EmbeddingCache


class CountingEncoder:
    """A deterministic stand-in for the model that records what it was asked to embed."""

    def __init__(self, name: str = "counting-1") -> None:
        self.name = name
        self.similarity_range = (0.0, 1.0)
        self.embedded: list[str] = []

    def queries(self, texts: list[str]) -> np.ndarray:
        return self.passages(texts)

    def passages(self, texts: list[str]) -> np.ndarray:
        self.embedded.extend(texts)
        rows = [np.frombuffer(t.encode().ljust(8, b"\0")[:8], dtype=np.uint8).astype(np.float32) for t in texts]
        return np.stack(rows) if rows else np.zeros((0, 8), dtype=np.float32)


def test_a_second_start_embeds_nothing(tmp_path: Path) -> None:
    texts = [f"text number {n}" for n in range(300)]  # enough for digests ending in a zero byte
    first = CountingEncoder()
    vectors = EmbeddingCache(tmp_path, first).passages(texts)
    assert len(first.embedded) == 300
    second = CountingEncoder()
    again = EmbeddingCache(tmp_path, second).passages(texts)
    assert second.embedded == []
    assert np.allclose(vectors, again, atol=1e-2)


def test_the_knowledge_scores_the_same_before_and_after_a_restart(tmp_path: Path) -> None:
    """A text embedded now is given exactly as it is stored for the next start (the model's vectors rounded to
    half precision), so an answer does not change because the bot restarted."""
    texts = ["rent arrears", "an interpreter at the GP", "school places"]
    encoder = CountingEncoder()
    encoder.passages = lambda batch: np.full((len(batch), 8), 1 / 3, dtype=np.float32)  # type: ignore[method-assign]
    first = EmbeddingCache(tmp_path, encoder).passages(texts)
    again = EmbeddingCache(tmp_path, CountingEncoder()).passages(texts)
    assert first.dtype == again.dtype == np.float32
    assert np.array_equal(first, again)


def test_after_an_edit_only_the_changed_text_is_embedded(tmp_path: Path) -> None:
    EmbeddingCache(tmp_path, CountingEncoder()).passages(["housing", "english classes", "a GP"])
    encoder = CountingEncoder()
    EmbeddingCache(tmp_path, encoder).passages(["housing", "English classes near me", "a GP"])
    assert encoder.embedded == ["English classes near me"]


def test_a_new_model_version_does_not_reuse_old_vectors(tmp_path: Path) -> None:
    EmbeddingCache(tmp_path, CountingEncoder("model-1")).passages(["housing"])
    encoder = CountingEncoder("model-2")
    EmbeddingCache(tmp_path, encoder).passages(["housing"])
    assert encoder.embedded == ["housing"]


def test_a_broken_cache_file_is_rebuilt(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path, CountingEncoder())
    cache.path.write_bytes(b"not a numpy file")
    encoder = CountingEncoder()
    EmbeddingCache(tmp_path, encoder).passages(["housing"])
    assert encoder.embedded == ["housing"]

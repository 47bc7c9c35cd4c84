"""The topic classifier: fitted on example vectors, it points to the topic whose examples a message resembles."""

from __future__ import annotations

import numpy as np

from bot.match.topic_model import TopicDirections


def clusters(sizes: list[int], dim: int = 16, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Unit vectors scattered around one random centre per label, grouped by label."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(len(sizes), dim))
    rows = [centres[n] + 0.3 * rng.normal(size=(size, dim)) for n, size in enumerate(sizes)]
    vectors = np.vstack(rows)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    return vectors.astype(np.float32), np.cumsum([0, *sizes]), centres.astype(np.float32)


def test_a_message_near_a_topics_examples_points_to_that_topic() -> None:
    vectors, starts, centres = clusters([40, 40, 40])
    directions = TopicDirections.fit(vectors, starts)
    scores = directions.scores(centres)  # (labels, queries)
    assert list(scores.argmax(axis=0)) == [0, 1, 2]
    assert scores.min() >= 0.0 and scores.max() <= 1.0


def test_a_topic_with_few_examples_is_not_drowned_by_one_with_many() -> None:
    vectors, starts, centres = clusters([400, 12], seed=1)
    directions = TopicDirections.fit(vectors, starts)
    assert directions.scores(centres[1:2])[:, 0].argmax() == 1


def test_no_examples_gives_no_direction() -> None:
    directions = TopicDirections.fit(np.zeros((0, 8), dtype=np.float32), np.array([0, 0, 0]))
    assert directions.scores(np.ones((1, 8), dtype=np.float32)).shape == (2, 1)
    assert not directions.scores(np.ones((1, 8), dtype=np.float32)).any()

"""The danger classifier: one direction that separates crisis examples from ordinary ones and from look-alikes."""

from __future__ import annotations

import numpy as np

from bot.match.danger_model import DangerDirection


def cloud(centre: np.ndarray, size: int, rng: np.random.Generator, spread: float = 0.3) -> np.ndarray:
    rows = centre + spread * rng.normal(size=(size, len(centre)))
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def unit(v: np.ndarray) -> np.ndarray:
    return (v / np.linalg.norm(v)).astype(np.float32)


def test_crisis_like_messages_read_high_and_ordinary_ones_low() -> None:
    rng = np.random.default_rng(0)
    crisis_c, look_alike_c, topic_c = (unit(rng.normal(size=16)) for _ in range(3))
    model = DangerDirection.fit(
        [(cloud(crisis_c, 60, rng), 1.0), (cloud(look_alike_c, 30, rng), 0.0), (cloud(topic_c, 600, rng), 0.0)], 16
    )
    crisis, look_alike, topic = model.scores(np.stack([crisis_c, look_alike_c, topic_c]))
    assert crisis > 0.7
    assert look_alike < 0.3 and topic < 0.3


def test_a_small_group_of_look_alikes_still_pulls_its_side_down() -> None:
    """The look-alikes are few beside the topics' texts; they weigh as a group, so their region reads ordinary."""
    rng = np.random.default_rng(1)
    crisis_c = unit(rng.normal(size=16))
    look_alike_c = unit(crisis_c + 0.8 * unit(rng.normal(size=16)))  # close to the crises
    topic_c = unit(rng.normal(size=16))
    crises, look_alikes = cloud(crisis_c, 100, rng, 0.2), cloud(look_alike_c, 10, rng, 0.2)
    model = DangerDirection.fit([(crises, 1.0), (look_alikes, 0.0), (cloud(topic_c, 2000, rng), 0.0)], 16)
    crisis, look_alike = model.scores(np.stack([crisis_c, look_alike_c]))
    assert crisis - look_alike > 0.5


def test_without_both_sides_there_is_no_direction() -> None:
    crises, nothing = np.ones((3, 8), dtype=np.float32), np.zeros((0, 8), dtype=np.float32)
    model = DangerDirection.fit([(crises, 1.0), (nothing, 0.0)], 8)
    assert not model.scores(np.ones((2, 8), dtype=np.float32)).any()

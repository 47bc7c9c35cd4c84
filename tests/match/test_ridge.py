"""The weighted ridge fit shared by the topic and danger classifiers (synthetic vectors)."""

from __future__ import annotations

import numpy as np
import pytest

from bot.match import ridge


def _blocks(x: np.ndarray, w: np.ndarray, y: np.ndarray) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    return [(x[i : i + ridge.CHUNK], w[i : i + ridge.CHUNK], y[i : i + ridge.CHUNK]) for i, _ in ridge.blocks(x)]


def test_it_recovers_a_linear_map_across_blocks() -> None:
    rng = np.random.default_rng(3)
    x = rng.normal(size=(2500, 6)).astype(np.float32)  # three blocks
    truth = rng.normal(size=(6, 2))
    y = x @ truth
    weights = ridge.solve(_blocks(x, np.ones(len(x)), y), np.zeros(6), ridge=1e-6)
    assert weights.shape == (6, 2)
    assert np.allclose(weights, truth, atol=1e-3)


def test_rows_weigh_as_told() -> None:
    """Two contradicting groups: the one weighing more decides the sign."""
    x = np.ones((20, 1), dtype=np.float32)
    y = np.array([[1.0]] * 10 + [[-1.0]] * 10)
    heavy_first = np.array([3.0] * 10 + [1.0] * 10)
    assert ridge.solve(_blocks(x, heavy_first, y), np.zeros(1), 1.0)[0, 0] > 0
    assert ridge.solve(_blocks(x, heavy_first[::-1].copy(), y), np.zeros(1), 1.0)[0, 0] < 0


def test_no_rows_is_an_error() -> None:
    with pytest.raises(ValueError, match="no rows"):
        ridge.solve([], np.zeros(3), 1.0)

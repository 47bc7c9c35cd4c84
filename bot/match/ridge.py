"""Weighted ridge regression in closed form, for the linear classifiers fitted at start-up on the example vectors
(bot/match/topic_model.py, bot/match/danger_model.py).

The rows come in blocks so that the example vectors are never copied whole (a copy would raise peak memory): each
block is centred, weighted and added to one (dim x dim) system, solved once.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

CHUNK = 1024  # rows per block


def blocks(vectors: np.ndarray) -> Iterable[tuple[int, np.ndarray]]:
    """`vectors` in blocks of CHUNK rows, each with the index of its first row (views, not copies)."""
    for start in range(0, len(vectors), CHUNK):
        yield start, vectors[start : start + CHUNK]


def solve(
    weighted_rows: Iterable[tuple[np.ndarray, np.ndarray, np.ndarray]], mean: np.ndarray, ridge: float
) -> np.ndarray:
    """The weights W (dim x targets) that minimise sum_i w_i |(x_i - mean) W - y_i|^2 + ridge |W|^2.

    `weighted_rows`: blocks of (rows x (n, dim), row weights w (n,), targets y (n, targets))."""
    dim = len(mean)
    centre = mean.astype(np.float32)
    gram = ridge * np.eye(dim)
    moment: np.ndarray | None = None
    for rows, row_weight, targets in weighted_rows:
        x = rows - centre
        w = row_weight.astype(np.float32)[:, None]
        gram += x.T @ (x * w)
        part = x.T @ (targets.astype(np.float32) * w)
        moment = part.astype(np.float64) if moment is None else moment + part
    if moment is None:
        raise ValueError("no rows to fit")
    return np.linalg.solve(gram, moment)

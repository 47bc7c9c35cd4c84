"""Is this message about danger now? A linear classifier on the embeddings of the crisis and ordinary examples.

The nearest-examples margin (bot/match/semantic.py) asks "is this message closer to some crisis example than to
any ordinary one?", and a vivid story of a hard life (a curfew, a debt, an abuse that is over) often is. A ridge
regression fitted on the same vectors learns one direction for "someone is in danger now" from every crisis
example in every language against every ordinary one: the topic examples and phrasings, and the look-alikes
(figures of speech, past events, questions about crises), which weigh as much as all the topic examples together
because they are the hard cases. It is a third learned signal for `bot.match.danger.assess`.

Closed form: one (dim x dim) linear system, a fraction of a second at start-up, so nothing is cached.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bot.match import ridge

RIDGE = 1.0


class DangerDirection:
    def __init__(self, mean: np.ndarray, weights: np.ndarray, bias: float) -> None:
        self.mean, self.weights, self.bias = mean, weights, bias

    @classmethod
    def fit(cls, groups: Sequence[tuple[np.ndarray, float]], dim: int) -> DangerDirection:
        """`groups`: (vectors, target) pairs — target 1.0 for danger now, 0.0 for not. Every group weighs the same in
        the fit however many rows it has."""
        groups = [(v, t) for v, t in groups if len(v)]
        if len({t for _, t in groups}) < 2:
            return cls(np.zeros(dim, np.float32), np.zeros(dim, np.float32), 0.0)
        rows = sum(len(v) for v, _ in groups)
        row_weight = [rows / (len(groups) * len(v)) for v, _ in groups]  # the mean row weighs 1
        mean = sum(w * v.sum(axis=0, dtype=np.float64) for w, (v, _) in zip(row_weight, groups, strict=True)) / rows
        target_mean = sum(t for _, t in groups) / len(groups)
        weighted = (
            (x, np.full(len(x), weight), np.full((len(x), 1), target - target_mean))
            for weight, (vectors, target) in zip(row_weight, groups, strict=True)
            for _, x in ridge.blocks(vectors)
        )
        weights = ridge.solve(weighted, mean, RIDGE)[:, 0]
        return cls(mean.astype(np.float32), weights.astype(np.float32), float(target_mean))

    def scores(self, queries: np.ndarray) -> np.ndarray:
        """Per query, how strongly it reads as danger now: about 0 (ordinary) to 1 (a crisis), (queries,)."""
        return (queries - self.mean) @ self.weights + self.bias  # type: ignore[no-any-return]

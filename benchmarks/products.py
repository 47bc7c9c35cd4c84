"""The knowledge-by-message products, side by side: one NumPy product (the baseline) and `bot.match.products`.

    .venv/bin/python benchmarks/products.py [--repeat 200]

Random vectors of the knowledge's shape (41,300 topic texts and 17,300 crisis texts x 384: the time depends
on the shape, not on the values). Prints, per number of message vectors (1 for a one-sentence
question, up to 6 for a long message read sentence by sentence), the median and p99 time of both products
(topics and crises) for each method, and the largest difference from the baseline. Then, per method, how long
the embedding of a question takes right after the products (the next message's, as in the bot): one OpenBLAS
matrix-vector product over thousands of rows slowed the embedding engine's next runs two- to three-fold here,
which blocks of 1,024 rows do not (the cause was not found; the effect is measured here).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import bot  # noqa: E402,F401  (thread settings before NumPy's library loads)
from benchmarks.questions import QUESTIONS  # noqa: E402
from bot.match.products import Products  # noqa: E402
from bot.semantic import load_encoder  # noqa: E402


def matrices() -> list[np.ndarray]:
    rng = np.random.default_rng(0)
    return [rng.standard_normal(shape).astype(np.float32) for shape in [(41_300, 384), (17_300, 384)]]


def both(mats: list[np.ndarray], queries: np.ndarray, products: Products | None) -> list[np.ndarray]:
    if products is None:
        return [np.asarray(m @ queries.T) for m in mats]
    return [products(m, queries) for m in mats]


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return float(np.percentile(times, 50)), float(np.percentile(times, 99))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    mats = matrices()
    print(f"{sum(len(m) for m in mats)} knowledge vectors, {args.repeat} runs each; ms for both products")
    methods: dict[str, Products | None] = {
        "numpy, one product": None,
        "blocks, 1 thread": Products(1),
        "blocks, 2 threads": Products(2),
    }
    print(f"{'vectors':>7}  " + "  ".join(f"{name:>24}" for name in methods) + "  max diff")
    rng = np.random.default_rng(1)
    for k in (1, 2, 3, 4, 6):
        queries = rng.standard_normal((k, 384)).astype(np.float32)
        queries /= np.linalg.norm(queries, axis=1, keepdims=True)
        cells, diff = [], 0.0
        for products in methods.values():
            run = partial(both, mats, queries, products)
            if products is not None:
                diff = max(diff, *(float(np.abs(p - m @ queries.T).max()) for p, m in zip(run(), mats, strict=True)))
            p50, p99 = timed(run, args.repeat)
            cells.append(f"p50 {p50:6.2f} p99 {p99:6.2f}")
        print(f"{k:>7}  " + "  ".join(f"{c:>24}" for c in cells) + f"  {diff:.1e}")
    encoder = load_encoder()
    query = encoder.queries(QUESTIONS[:1])
    print("\nthe next question's embedding, right after one vector's products (ms):")
    for name, products in methods.items():
        times = []
        for n in range(args.repeat):
            both(mats, query, products)
            start = time.perf_counter()
            encoder.queries([QUESTIONS[n % len(QUESTIONS)]])
            times.append((time.perf_counter() - start) * 1000)
        print(f"  {name:<20} p50 {np.percentile(times, 50):6.2f} p99 {np.percentile(times, 99):6.2f}")


if __name__ == "__main__":
    main()

"""Cosines of a message's few vectors with the knowledge's tens of thousands, fast on a small machine.

The matcher multiplies a tall matrix (41,300 topic texts x 384, and 17,300 crisis texts) by the message's 1 to 6
vectors (its sentences and second reading). With 2 to 6 columns OpenBLAS's product on one thread took 9-11 ms at
the median here; taken in blocks of 256 rows (each block stays in the core's cache while every column is done) and
split between two threads, 5-8 ms. One column takes about 5 ms either way, but after it was done on one thread the
embedding model's next run (the next message's) took 27 ms at the median instead of 10, and 113 ms at p99 instead
of 20: split between the two threads, in blocks of 1,024 rows, it does not slow the model down. The cause was not
found; `benchmarks/products.py` measures both effects side by side.

The second thread waits on a queue, asleep, between messages: nothing spins on a busy machine.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np

BLOCK = 256  # rows a block: 256 x 384 float32 = 384 KB, well inside a core's cache together with the columns
VECTOR_BLOCK = 1024  # rows a block for one column (see the module's note)


class Products:
    """`matrix @ queries.T` for a tall float32 matrix and a few query rows, the rows split between `threads`."""

    def __init__(self, threads: int | None = None) -> None:
        self.threads = max(1, threads if threads is not None else min(2, os.cpu_count() or 1))
        self._pool = ThreadPoolExecutor(self.threads - 1, "products") if self.threads > 1 else None

    def __call__(self, matrix: np.ndarray, queries: np.ndarray) -> np.ndarray:
        """(rows, queries): every row's dot product with every query."""
        if self._pool is None or len(matrix) < 2 * BLOCK:
            return np.asarray(matrix @ queries.T, dtype=np.float32)
        out = np.empty((len(matrix), len(queries)), dtype=np.float32)
        columns = np.ascontiguousarray(queries.T, dtype=np.float32)
        share = -(-len(matrix) // self.threads // BLOCK) * BLOCK  # rows a thread, whole blocks
        bounds = [(start, min(start + share, len(matrix))) for start in range(0, len(matrix), share)]
        others = [self._pool.submit(_blocks, matrix, columns, out, lo, hi) for lo, hi in bounds[1:]]
        _blocks(matrix, columns, out, *bounds[0])
        for other in others:
            other.result()
        return out

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False)


def _blocks(matrix: np.ndarray, columns: np.ndarray, out: np.ndarray, lo: int, hi: int) -> None:
    if columns.shape[1] == 1:
        vector, column = columns[:, 0], out[:, 0]
        for start in range(lo, hi, VECTOR_BLOCK):
            end = min(start + VECTOR_BLOCK, hi)
            np.dot(matrix[start:end], vector, out=column[start:end])
        return
    for start in range(lo, hi, BLOCK):
        end = min(start + BLOCK, hi)
        np.matmul(matrix[start:end], columns, out=out[start:end])

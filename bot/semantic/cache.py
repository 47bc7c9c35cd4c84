"""Embeddings of the knowledge's texts, cached on disk so start-up is fast and only changed texts are embedded.

One file per model (`embeddings-<model>.npz` in the cache folder): the SHA-1 of every text embedded so far and
its vector. Texts are keyed by their content, so after an edit only the new or changed texts are embedded again; a
new model version gets a new file. Vectors are kept in half precision (float16), on disk and in memory, where the
cache holds them only while the matcher is built (the matcher gets float32 copies): 55,000 texts take 42 MB, not 84.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

from bot.semantic.encoder import Encoder

BATCH = 64
GATHER = 4096  # rows copied at a time into the float32 matrix the matcher uses
Progress = Callable[[int, int], None]


def text_key(text: str) -> bytes:
    return hashlib.sha1(text.encode("utf-8")).digest()


def stderr_progress(done: int, total: int) -> None:
    """A progress bar on standard error for a cold cache: redrawn in place on a terminal, every 10% in a log."""
    width = 30
    step = max(total // 10, 1)
    if not sys.stderr.isatty() and done < total and done % step >= BATCH:
        return
    filled = width * done // max(total, 1)
    bar = f"Embedding the knowledge (first start; cached afterwards) [{'#' * filled:<{width}}] {done}/{total}"
    if sys.stderr.isatty():
        print("\r" + bar, end="\n" if done >= total else "", file=sys.stderr, flush=True)
    else:
        print(bar, file=sys.stderr, flush=True)


class EmbeddingCache:
    def __init__(self, directory: Path, encoder: Encoder) -> None:
        self.encoder = encoder
        slug = re.sub(r"[^A-Za-z0-9.-]+", "_", encoder.name)
        self.path = directory / f"embeddings-{slug}.npz"
        # every vector as stored (float16: half the memory of float32), and each text's row in it
        self._vectors = np.zeros((0, 0), dtype=np.float16)
        self._rows: dict[bytes, int] = {}
        self._load()

    def _load(self) -> None:
        try:
            with np.load(self.path) as data:
                keys, vectors = data["keys"], data["vectors"]
        except (OSError, KeyError, ValueError):
            return  # no cache yet, or an unreadable one: it is rebuilt
        if vectors.ndim != 2 or len(keys) != len(vectors):
            return
        self._vectors = vectors.astype(np.float16, copy=False)
        self._rows = {k.tobytes(): n for n, k in enumerate(keys)}

    def passages(self, texts: list[str], progress: Progress | None = None) -> np.ndarray:
        """Embeddings of `texts` (n, dim), from the cache where possible; new ones are embedded and saved. A text
        embedded now is given as stored (float16), so the same knowledge scores the same after a restart."""
        keys = [text_key(t) for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self._rows))
        if missing:
            by_key = {k: t for k, t in zip(keys, texts, strict=True)}
            embedded = []
            for start in range(0, len(missing), BATCH):
                chunk = missing[start : start + BATCH]
                embedded.append(np.asarray(self.encoder.passages([by_key[k] for k in chunk]), dtype=np.float16))
                if progress is not None:
                    progress(min(start + BATCH, len(missing)), len(missing))
            self._add(missing, np.concatenate(embedded).reshape(len(missing), -1))
            self._save()
        if not keys:
            return np.zeros((0, 0), dtype=np.float32)
        rows = np.fromiter((self._rows[k] for k in keys), dtype=np.int64, count=len(keys))
        out = np.empty((len(keys), self._vectors.shape[1]), dtype=np.float32)
        for start in range(0, len(rows), GATHER):  # in blocks: no second full-size copy at any moment
            out[start : start + GATHER] = self._vectors[rows[start : start + GATHER]]
        return out

    def _add(self, keys: list[bytes], vectors: np.ndarray) -> None:
        first = len(self._vectors)
        self._vectors = np.concatenate([self._vectors, vectors]) if first else vectors
        self._rows.update((key, first + n) for n, key in enumerate(keys))

    def _save(self) -> None:
        """Every vector embedded so far (other knowledge folders share the file): it grows only with edits."""
        keys = sorted(self._rows, key=self._rows.__getitem__)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, suffix=".npz")
        os.close(fd)
        try:
            # digests as rows of bytes: numpy's fixed-width byte strings would drop trailing zero bytes
            keys_array = np.frombuffer(b"".join(keys), dtype=np.uint8).reshape(-1, 20)
            np.savez(tmp, keys=keys_array, vectors=self._vectors)
            os.replace(tmp, self.path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)  # a read-only disk: the bot still runs, it embeds again next time

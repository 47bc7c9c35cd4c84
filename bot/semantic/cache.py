"""Embeddings of the knowledge's texts, cached on disk so start-up is fast and only changed texts are embedded.

One file per model (`embeddings-<model>.npz` in the cache folder): the SHA-1 of every text embedded so far and
its vector (float16 on disk, float32 in memory). Texts are keyed by their content, so after an edit only the new
or changed texts are embedded again; a new model version gets a new file.
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
        self._rows: dict[bytes, np.ndarray] = {}
        self._load()

    def _load(self) -> None:
        try:
            with np.load(self.path) as data:
                keys, vectors = data["keys"], data["vectors"].astype(np.float32)
        except (OSError, KeyError, ValueError):
            return  # no cache yet, or an unreadable one: it is rebuilt
        self._rows = {k.tobytes(): v for k, v in zip(keys, vectors, strict=False)}

    def passages(self, texts: list[str], progress: Progress | None = None) -> np.ndarray:
        """Embeddings of `texts` (n, dim), from the cache where possible; new ones are embedded and saved."""
        keys = [text_key(t) for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self._rows))
        if missing:
            by_key = {k: t for k, t in zip(keys, texts, strict=True)}
            for start in range(0, len(missing), BATCH):
                chunk = missing[start : start + BATCH]
                for key, vector in zip(chunk, self.encoder.passages([by_key[k] for k in chunk]), strict=True):
                    self._rows[key] = vector
                if progress is not None:
                    progress(min(start + BATCH, len(missing)), len(missing))
            self._save()
        if not keys:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([self._rows[k] for k in keys])

    def _save(self) -> None:
        """Every vector embedded so far (other knowledge folders share the file): it grows only with edits."""
        keys = sorted(self._rows)
        array = np.stack([self._rows[k] for k in keys]).astype(np.float16)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, suffix=".npz")
        os.close(fd)
        try:
            # digests as rows of bytes: numpy's fixed-width byte strings would drop trailing zero bytes
            np.savez(tmp, keys=np.frombuffer(b"".join(keys), dtype=np.uint8).reshape(-1, 20), vectors=array)
            os.replace(tmp, self.path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)  # a read-only disk: the bot still runs, it embeds again next time

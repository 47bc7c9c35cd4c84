"""The matcher as the bot runs it: words plus the embedding model, with the knowledge's embeddings cached."""

from __future__ import annotations

import os
from pathlib import Path

from bot.heap import release_free_memory
from bot.kb.model import KnowledgeBase
from bot.match.matcher import Matcher, train_crisis_model
from bot.match.semantic import Semantic
from bot.semantic import EmbeddingCache, load_encoder
from bot.semantic.cache import Progress, stderr_progress
from bot.text.normalise import forget_folded_words

DEFAULT_CACHE = Path(__file__).resolve().parent.parent.parent / "data" / "cache"


def build_matcher(
    kb: KnowledgeBase, cache_dir: Path | None = None, progress: Progress | None = stderr_progress
) -> Matcher:
    """`cache_dir`: where the embeddings are kept (default data/cache, or EMBEDDING_CACHE_DIR)."""
    folder = cache_dir or Path(os.environ.get("EMBEDDING_CACHE_DIR") or DEFAULT_CACHE)
    cache = EmbeddingCache(folder, load_encoder())
    matcher = Matcher(kb, semantic=Semantic(kb, cache, progress), crisis_model=train_crisis_model(kb, folder))
    forget_folded_words()  # the knowledge's words, folded while indexing it, held about 19 MB; messages refill it
    release_free_memory()
    return matcher

"""Semantic understanding, offline: a multilingual sentence-embedding model behind one small interface, and an
on-disk cache of the knowledge's embeddings keyed by the texts and the model version."""

from bot.semantic.cache import EmbeddingCache
from bot.semantic.encoder import Encoder, load_encoder

__all__ = ["EmbeddingCache", "Encoder", "load_encoder"]

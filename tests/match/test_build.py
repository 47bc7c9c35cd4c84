"""The matcher as the bot builds it."""

from __future__ import annotations

from bot.kb import KnowledgeBase
from bot.match import build_matcher
from bot.text.normalise import folded_words_cached, tokens


def test_building_leaves_no_cache_of_the_knowledges_words(kb: KnowledgeBase) -> None:
    """Indexing the knowledge folds tens of thousands of words once; keeping them all cached held about 19 MB for
    the bot's whole life (benchmarks/soak.py)."""
    matcher = build_matcher(kb, progress=None)
    assert folded_words_cached() == 0
    assert tokens("Ďakujem, ŠKOLA") == ["dakujem", "skola"]  # folding still works, and fills the cache again
    assert folded_words_cached() == 2
    assert matcher.match("where can I learn English").matches

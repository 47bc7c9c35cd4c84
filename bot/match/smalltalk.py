"""Greetings and thanks: short messages made only of small-talk words get a greeting back, not a search."""

from __future__ import annotations

from bot.kb.model import KnowledgeBase
from bot.text.normalise import tokens

MAX_WORDS = 6


class SmallTalk:
    def __init__(self, kb: KnowledgeBase) -> None:
        self._phrases: dict[tuple[str, ...], str] = {}
        self._words: dict[str, str] = {}
        for kinds in kb.smalltalk.values():
            for kind, phrases in kinds.items():
                for phrase in phrases:
                    words = tuple(tokens(phrase))
                    if words:
                        self._phrases.setdefault(words, kind)
                        for word in words:
                            self._words.setdefault(word, kind)
        self._filler = {w for lang in kb.stopwords for entry in kb.stopwords[lang] for w in tokens(entry)}

    def kind(self, words: list[str]) -> str | None:
        """'greeting', 'thanks' or None."""
        if not words or len(words) > MAX_WORDS:
            return None
        if (kind := self._phrases.get(tuple(words))) is not None:
            return kind
        kinds = [self._words[w] for w in words if w in self._words]
        if not kinds or any(w not in self._words and w not in self._filler for w in words):
            return None
        return "greeting" if "greeting" in kinds else "thanks"

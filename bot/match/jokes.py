"""Does a message laugh at itself? "This queue is killing me 😂", "my boss will kill me haha" are figures of speech.

The signs are data: `joking:` in `knowledge/crisis/<lang>.yaml` lists laughter words ("haha", "хаха", "ههه",
"kkk") and emoji ("😂", "🙄"). Signs of every language count in every message (emoji are listed once). A word
counts however long the laughter runs: "hahahaha" is "haha", "هههههه" is "ههه".

A crisis phrase beside a sign of laughter is read as a possible danger (the one-line "call 999"), not a crisis,
unless the learned signals are sure on their own (bot/match/danger.py). Distress emoji (😭, 😩) are not signs.
"""

from __future__ import annotations

from bot.kb.model import KnowledgeBase
from bot.text.normalise import contains_phrase, tokens


def laughter(word: str) -> str:
    """A run of one or two repeated letters, cut to its shortest listed form: "hahaha" -> "haha", "ههههه" -> "ههه"."""
    for period, keep in ((1, 3), (2, 4)):
        if len(word) >= keep and word == (word[:period] * len(word))[: len(word)]:
            return word[:keep]
    return word


class JokeSigns:
    def __init__(self, kb: KnowledgeBase) -> None:
        emoji: set[str] = set()
        words: set[str] = set()
        phrases: list[tuple[str, ...]] = []
        for signs in kb.joking.values():
            for sign in signs:
                folded = tokens(sign)
                if not folded:
                    emoji.add(sign.strip())
                elif len(folded) == 1:
                    words.add(laughter(folded[0]))
                else:
                    phrases.append(tuple(folded))
        self.emoji = frozenset(e for e in emoji if e)
        self.words = frozenset(words)
        self.phrases = tuple(phrases)

    def found(self, text: str, words: list[str]) -> bool:
        if any(e in text for e in self.emoji):
            return True
        if any(laughter(w) in self.words for w in words):
            return True
        return any(contains_phrase(words, phrase) for phrase in self.phrases)

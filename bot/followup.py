"""Follow-ups: a short message read with the person's previous topic in mind ("and for children?", "a dla
dzieci?", "what about Slough?", "и для детей?", "e para as crianças?").

What counts as a follow-up (only within MEMORY_SECONDS of the previous topic, bot/memory.py; never a crisis or
small talk):
- a message of at most MARKED_WORDS words that starts with a follow-up marker of the person's language, the
  message's language or the previous topic's language — the first words listed in
  `knowledge/follow-ups/<lang>.yaml` ("and", "what about", "a co z", "и", "e para", "și"…);
- or, without a marker, a message of at most SHORT_WORDS words that the bot cannot answer on its own (no match, or
  a weak one): "Slough?", "for a family".

What the person gets — what they would expect a colleague to answer:
- the **new words say nothing the bot knows** ("what about Slough?", "and then?", "a w Londynie?"): the previous
  topic's card again, headed "About <topic>:" — a place or a detail is still about that topic;
- the **new words are about the same topic** ("and for families?" after a housing question that matches housing):
  the same card, headed "About <topic>:";
- the **new words name another topic** ("and for children?" after "refugee has to leave asylum housing"; "and
  English classes?"): the topic the two together point to. The candidates are the topics the new words match
  (within 80% of the best); each is supported by its own score, by its score for "<previous topic's title> <new
  words>", and by how strongly the new words point at its theme ("for children" matches several children's
  topics, so the children's theme wins over a single health topic). After a housing question, "and for
  children?" so gives the children's topic nearest to housing (children in care), in every language. Its card is
  headed "Following on from “<previous topic>”:" with a button back to the previous topic, and it becomes the
  topic a next follow-up refers to.

Nothing here is stored: the memory holds only the last topic's id and language, in memory, for a few minutes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.kb.model import KnowledgeBase
from bot.text.normalise import clean, tokens, without_marks

MARKED_WORDS = 8  # a follow-up with a marker has at most this many words ("and what about for my children?")
SHORT_WORDS = 5  # ... without one, at most this many
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class FollowUp:
    """A message read as a follow-up: the new words in it (the message without its marker, as typed)."""

    words: str
    marked: bool  # it started with a marker ("and", "a co z")


class FollowUpMarkers:
    def __init__(self, kb: KnowledgeBase) -> None:
        # per language, the markers as folded words, longest first
        self._markers: dict[str, list[tuple[str, ...]]] = {
            lang: sorted({tuple(tokens(m)) for m in markers if tokens(m)}, key=len, reverse=True)
            for lang, markers in kb.follow_ups.items()
        }

    def marker_words(self, text: str, langs: tuple[str | None, ...]) -> int:
        """How many first words of `text` are a follow-up marker in one of `langs` (0: none)."""
        words = tokens(text)
        found = 0
        for lang in dict.fromkeys(lang for lang in langs if lang):
            for marker in self._markers.get(lang, ()):
                if len(marker) > found and tuple(words[: len(marker)]) == marker:
                    found = len(marker)
                    break  # the longest of this language
        return found

    def read(self, text: str, langs: tuple[str | None, ...], answered: bool) -> FollowUp | None:
        """The message as a follow-up, or None. `answered`: whether the message has a clear match on its own."""
        count = len(tokens(text))
        marker = self.marker_words(text, langs)
        if marker and count <= MARKED_WORDS:
            return FollowUp(after_words(text, marker), marked=True)
        if count <= SHORT_WORDS and not answered:
            return FollowUp(text, marked=False)
        return None


def after_words(text: str, n: int) -> str:
    """`text` after its first `n` words, as typed ("and for children?", 1 -> "for children?")."""
    text = without_marks(clean(text))  # as tokens() reads it, so the words are counted alike
    for count, match in enumerate(_WORD.finditer(text), start=1):
        if count == n:
            return text[match.end() :].strip(" ,.;:!?-–—")
    return ""

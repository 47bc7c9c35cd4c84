"""Is a message telling of something that is over? "Two years ago my boss took my passport; the police sorted it
out. Where can I get a reference?" holds a crisis phrase but no danger now.

The signs are data: `past:` in `knowledge/crisis/<lang>.yaml` lists words placing an event in the past ("years
ago", "rok temu", "когда я был ребёнком") and `now:` words saying it goes on or is coming ("still", "tonight",
"znowu"). A message is *over* when it has a past sign and no now sign, both read in its own language and close
siblings (every language when its language is unknown: a short word of one language is often another's word for
"today", as the Hungarian "ma" is the Slovak "me"). Recent words ("yesterday", "last night") are never past signs:
a danger from last night may still be here.

A crisis phrase in a message that is over is read as a possible danger (the one-line "call 999"), not a crisis,
unless the learned signals find a crisis on their own (bot/match/danger.py): the signs only take away what the
phrase alone would give, never what the learned signals see (a farewell thanks people for "the last year").
"""

from __future__ import annotations

from bot.kb.model import KnowledgeBase
from bot.languages import relatives
from bot.text.normalise import tokens

Signs = dict[str, tuple[tuple[str, ...], ...]]


class TimeSigns:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.past = _folded(kb.past)
        self.now = _folded(kb.now)

    def over(self, words: list[str], lang: str | None = None) -> bool:
        """A sign of the past and none of now, in `lang` and its close siblings (every language when None). The
        words of a past sign are not read again as a sign of now: "now I am safe" is a past sign, not "now"."""
        langs = relatives(lang) if lang is not None else None
        past = _spans(self.past, words, langs)
        if not past:
            return False
        rest = [GAP if any(start <= n < end for start, end in past) else w for n, w in enumerate(words)]
        return not _spans(self.now, rest, langs)


GAP = ""  # stands for a word already read as part of a past sign


def _spans(signs: Signs, words: list[str], langs: frozenset[str] | None) -> list[tuple[int, int]]:
    """Where the signs of the given languages appear in `words`: (start, end) word positions."""
    found: list[tuple[int, int]] = []
    for lang, phrases in signs.items():
        if langs is not None and lang not in langs:
            continue
        for phrase in phrases:
            n = len(phrase)
            found.extend((i, i + n) for i in range(len(words) - n + 1) if tuple(words[i : i + n]) == phrase)
    return found


def _folded(per_language: dict[str, tuple[str, ...]]) -> Signs:
    return {lang: tuple(t for t in (tuple(tokens(s)) for s in signs) if t) for lang, signs in per_language.items()}

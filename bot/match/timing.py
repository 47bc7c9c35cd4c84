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
from bot.text.normalise import contains_phrase, tokens

Signs = dict[str, tuple[tuple[str, ...], ...]]


class TimeSigns:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.past = _folded(kb.past)
        self.now = _folded(kb.now)

    def over(self, words: list[str], lang: str | None = None) -> bool:
        """A sign of the past and none of now, in `lang` and its close siblings (every language when None)."""
        langs = relatives(lang) if lang is not None else None
        return _found(self.past, words, langs) and not _found(self.now, words, langs)


def _found(signs: Signs, words: list[str], langs: frozenset[str] | None) -> bool:
    return any(
        (langs is None or lang in langs) and any(contains_phrase(words, phrase) for phrase in phrases)
        for lang, phrases in signs.items()
    )


def _folded(per_language: dict[str, tuple[str, ...]]) -> Signs:
    return {lang: tuple(t for t in (tuple(tokens(s)) for s in signs) if t) for lang, signs in per_language.items()}

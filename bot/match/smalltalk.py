"""Short messages that are not questions: greetings and thanks, requests for a part of the bot ("menu",
"change language", "I need help") and bare replies ("no", "ok", a number).

Only a message that is wholly one of the phrases in `knowledge/smalltalk/<lang>.yaml` (or, for greetings and
thanks, made only of their words) counts: a request for help with anything more in it is a question, and is
searched.
"""

from __future__ import annotations

from bot.kb.model import KnowledgeBase
from bot.text.normalise import tokens

MAX_WORDS = 6
HELP_STEM = 5
WORD_KINDS = ("greeting", "thanks")  # kinds recognised word by word ("hi there all", "thanks a lot mate")
# kinds that are wholly a courtesy or a request for a part of the bot: no sign of danger however the learned signals
# score them ("help" is not among them: "I need help" may be someone in danger)
QUIET_KINDS = frozenset({"greeting", "thanks", "menu", "topics", "contacts", "language", "ack"})


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
                        if kind in WORD_KINDS:
                            for word in words:
                                self._words.setdefault(word, kind)
        self._filler = {w for lang in kb.stopwords for entry in kb.stopwords[lang] for w in tokens(entry)}
        # the words that say "help" in the requests for help ("pomóż", "помогите"), by their first letters so that
        # other forms count too ("pomóżcie"): they outweigh a "please" around them
        self._help = {
            w[:HELP_STEM]
            for kinds in kb.smalltalk.values()
            for phrase in kinds.get("help", ())
            for w in tokens(phrase)
            if len(w) >= HELP_STEM - 1 and w not in self._words
        }

    def kind(self, words: list[str]) -> str | None:
        """'greeting', 'thanks', 'help', 'menu', 'topics', 'contacts', 'language', 'ack' or None (a question)."""
        if not words or len(words) > MAX_WORDS:
            return None
        if (kind := self._phrases.get(tuple(words))) is not None:
            return kind
        if all(w.isdigit() for w in words):
            return "ack"  # a bare number is not a question
        helps = [len(w) >= HELP_STEM - 1 and w[:HELP_STEM] in self._help for w in words]
        if any(helps) and all(h or w in self._filler or w in self._words for h, w in zip(helps, words, strict=True)):
            return "help"
        kinds = [self._words[w] for w in words if w in self._words]
        if not kinds or any(w not in self._words and w not in self._filler for w in words):
            return None
        return "greeting" if "greeting" in kinds else "thanks"

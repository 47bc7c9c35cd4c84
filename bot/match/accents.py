"""Put the diacritics back into a message typed without them ("es stavu uz tilta" -> "es stāvu uz tilta").

People on phones often type Polish, Czech, Latvian... without diacritics. The words model folds them away, but the
embedding model reads "stavu" and "stāvu" as different words and understands the bare form much worse (a Latvian
farewell from a bridge read as ordinary). For each Latin-script language with diacritics, every word the knowledge
writes in that language gives its usual written form; a message in that language typed without any diacritics is
read a second time with each word in its usual form (bot.match.matcher embeds both readings).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

from bot.text.normalise import fold_word
from bot.text.translit import is_latin_only

LANGUAGES = frozenset({"cs", "hu", "lt", "lv", "pl", "pt", "ro", "sk"})  # Latin script with diacritics
MIN_SEEN = 2  # a form written once may be a typo
_WORD = re.compile(r"[^\W\d_]+")


class AccentRestorer:
    def __init__(self, forms: Mapping[str, dict[str, str]]) -> None:
        """`forms`: per language, a bare lower-case word -> its usual written form (only where they differ)."""
        self.forms = forms

    @classmethod
    def build(cls, texts: Mapping[str, Iterable[str]]) -> AccentRestorer:
        """`texts`: per language, everything the knowledge writes in it."""
        forms: dict[str, dict[str, str]] = {}
        for lang, lang_texts in texts.items():
            if lang not in LANGUAGES:
                continue
            usual: dict[str, tuple[int, str]] = {}  # bare word -> (times seen, its most frequent form)
            for form, n in Counter(_WORD.findall("\n".join(lang_texts).casefold())).items():
                bare = form if form.isascii() else fold_word(form)
                if n > usual.get(bare, (0, ""))[0]:
                    usual[bare] = (n, form)
            forms[lang] = {
                bare: form for bare, (n, form) in usual.items() if form != bare and n >= MIN_SEEN and bare.isascii()
            }
        return cls(forms)

    def restore(self, text: str, lang: str | None) -> str | None:
        """`text` with its words in their usual written forms, when it is in a language with diacritics and typed
        without any; None when there is nothing to restore."""
        known = self.forms.get(lang or "")
        if not known or not is_latin_only(text):
            return None
        changed = False

        def usual(match: re.Match[str]) -> str:
            nonlocal changed
            word = match[0]
            form = known.get(word.lower())
            if form is None:
                return word
            changed = True
            return form.capitalize() if word[0].isupper() else form

        restored = _WORD.sub(usual, text)
        return restored if changed else None

"""Which script language, if any, a Latin-letter message is really in ("mne nuzhen vrach" is Russian).

Each rewrite from bot/text/translit.py is compared with the words the knowledge has in that language, through a
loose "skeleton" of every word (letters people transliterate in several ways are merged; for Arabic and Persian
only consonants are kept, as short vowels are not written). The language whose vocabulary explains most of the
message wins, provided the Latin-script languages explain clearly less of it as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.text.normalise import tokens
from bot.text.translit import SCRIPT_LANGUAGES, candidates, is_latin_only

MIN_SHARE = 0.5  # at least half the message's words are known words of that language
MARGIN = 0.15  # and clearly more than any Latin-script language explains
PREFIX = 5  # inflected endings: a word known by its first letters counts
# Arabizi writes the Arabic letters Latin lacks as digits ("3ashan", "ma3i", "e7na", "2eshte8el"): two such words are
# a sign no Latin-script language gives (when one word in six or more has one: a postcode or "b2b" alone is not), so
# an Arabic or Persian reading then needs less of the message explained
ARABIZI_WORD = re.compile(r"[a-z]+[235679][a-z][a-z0-9]*|[235679][a-z]{2,}[a-z0-9]*")
ORDINAL = re.compile(r"\d+(st|nd|rd|th)")
ARABIZI_SIGNS = 2
ARABIZI_SHARE = 1 / 6
ARABIZI_MIN_SHARE = 0.35

_CYRILLIC_MERGE = str.maketrans(
    {
        "ы": "и",
        "і": "и",
        "ї": "и",
        "й": "и",
        "є": "е",
        "э": "е",
        "ё": "е",
        "ґ": "г",
        "х": "г",
        "щ": "ш",
        "ъ": "",
        "ь": "",
        "'": "",
    }
)
_ARABIC_MERGE = str.maketrans(
    {
        "ا": "",
        "أ": "",
        "إ": "",
        "آ": "",
        "و": "",
        "ؤ": "",
        "ي": "",
        "ی": "",
        "ى": "",
        "ئ": "",
        "ء": "",
        "ة": "ه",
        "ه": "",
        "ح": "ه",
        "ك": "ک",
        "ق": "ک",
        "غ": "ک",
        "ص": "س",
        "ث": "س",
        "ط": "ت",
        "ض": "د",
        "ذ": "ز",
        "ظ": "ز",
        "ج": "گ",
        "چ": "ش",
        "ژ": "ز",
        "پ": "ب",
        "ع": "",
        "ف": "ف",
    }
)
_DOUBLE = re.compile(r"(.)\1+")


def skeleton(word: str, lang: str) -> str:
    merged = word.translate(_ARABIC_MERGE if lang in ("ar", "fa") else _CYRILLIC_MERGE)
    return _DOUBLE.sub(r"\1", merged)


@dataclass(frozen=True)
class Reading:
    lang: str
    text: str  # the message rewritten in the language's script


class TranslitReader:
    def __init__(self, vocabulary: dict[str, set[str]]) -> None:
        """`vocabulary`: language -> folded words known in that language."""
        self._latin = set().union(*(words for lang, words in vocabulary.items() if lang not in SCRIPT_LANGUAGES))
        self._skeletons: dict[str, set[str]] = {}
        for lang in SCRIPT_LANGUAGES:
            known = {skeleton(w, lang) for w in vocabulary.get(lang, set())}
            known = {s for s in known if len(s) >= 2}
            self._skeletons[lang] = known | {s[:PREFIX] for s in known if len(s) > PREFIX}

    def read(self, text: str) -> Reading | None:
        if not is_latin_only(text):
            return None
        typed = [w for w in tokens(text) if not w.isdigit()]
        if not typed:
            return None
        latin_share = sum(w in self._latin for w in typed) / len(typed)
        signs = sum(bool(ARABIZI_WORD.fullmatch(w)) and not ORDINAL.fullmatch(w) for w in typed)
        arabizi = signs >= ARABIZI_SIGNS and signs >= ARABIZI_SHARE * len(typed)
        # Arabic and Persian share most words: Arabizi writes its extra letters as digits, Finglish does not, so
        # without digits a tie goes to Persian
        preferred = "ar" if arabizi else "fa"
        best: tuple[float, bool, str, str] | None = None
        for lang, rewritten in candidates(text).items():
            if arabizi and lang not in ("ar", "fa"):
                continue
            words = [w for w in tokens(rewritten) if not w.isdigit()]
            if not words:
                continue
            option = (sum(self._known(w, lang) for w in words) / len(words), lang == preferred, lang, rewritten)
            if best is None or option[:2] > best[:2]:
                best = option
        if best is None:
            return None
        share, _, lang, rewritten = best
        if arabizi:
            return Reading(lang, rewritten) if share >= ARABIZI_MIN_SHARE else None
        if share < MIN_SHARE or share < latin_share + MARGIN:
            return None
        return Reading(lang, rewritten)

    def _known(self, word: str, lang: str) -> bool:
        s = skeleton(word, lang)
        if len(s) < 2:
            return False
        table = self._skeletons[lang]
        return s in table or (len(s) > PREFIX and s[:PREFIX] in table)

"""Normalise what people type: NFKC, casefold, diacritics folded, invisible characters dropped.

Folding lets "nemam kde byvat" match "nemám kde bývat" and "lekarza" match "lekarza"; it is applied the same way
to the knowledge phrasings and to messages.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

from anyascii import anyascii

MAX_MESSAGE_CHARS = 600  # longer messages are cut before matching (the rest is rarely about a new topic)

# letters that do not decompose under NFKD
_LATIN_EXTRA = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "ħ": "h"})
# Arabic-script variants typed interchangeably (Arabic and Persian keyboards)
_ARABIC = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ی": "ي",
        "ك": "ک",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        "ـ": None,
    }
)
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_FOLD = {**_LATIN_EXTRA, **_ARABIC, **_ARABIC_DIGITS}  # one pass: no table's output is another's input
_ZW_JOINERS = {"\u200c": " ", "\u200d": ""}  # ZWNJ separates Persian word parts: treat it as a space
_TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)
_COMBINING_RE = re.compile(r"[\u0300-\u036f\u064b-\u065f\u0670\u06d6-\u06ed]")
# English negative contractions, with or without the apostrophe: "isn't"/"isnt" -> "is not", "can't" -> "can not"
_CONTRACTION_RE = re.compile(
    r"\b(is|are|was|were|do|does|did|ca|could|wo|would|should|have|has|had|must|need)n['’]?t\b", re.IGNORECASE
)
_CONTRACTION_STEMS = {"ca": "can", "wo": "will"}
_ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "کال", "لل", "ال")
# attached "and" (Arabic) and the Persian verb prefixes: folded away on both sides, so "ويجب" ~ "يجب" and
# "میتونه" ~ "تونه"; a word is never cut below three letters
_CLITIC_PREFIXES = ("نمي", "مي", "و")


class _CharTable(dict[int, str]):
    """A str.translate table worked out once per character by `rule` (then translate runs in C)."""

    def __init__(self, rule: Callable[[str], str]) -> None:
        super().__init__()
        self.rule = rule

    def __missing__(self, code: int) -> str:
        out = self[code] = self.rule(chr(code))
        return out


def _cleaned(ch: str) -> str:
    if ch in _ZW_JOINERS:
        return _ZW_JOINERS[ch]
    category = unicodedata.category(ch)
    return " " if category == "Cc" else "" if category in ("Cf", "Co", "Cs", "Cn") else ch


_CLEAN = _CharTable(_cleaned)  # control, format and private-use characters
_NO_MARKS = _CharTable(lambda ch: "" if unicodedata.combining(ch) else ch)  # after NFKD: the diacritics
_LATIN_TO_ASCII = _CharTable(lambda ch: anyascii(ch) if _is_latin(ch) else ch)  # "ł", "ø"... that do not decompose


def clean(text: str) -> str:
    """Drop control, format (zero-width, bidi overrides) and private-use characters; cut to the size limit."""
    text = unicodedata.normalize("NFKC", text[: MAX_MESSAGE_CHARS * 2])
    if text.isprintable():  # none of those characters (most texts): nothing to translate
        return text[:MAX_MESSAGE_CHARS]
    return text.translate(_CLEAN)[:MAX_MESSAGE_CHARS]


def fold_word(word: str) -> str:
    """casefold + strip diacritics; non-decomposing Latin letters via anyascii; Arabic-script variants unified."""
    if word.isascii():  # nothing to fold but the case (about half the words): no cache needed
        return word.lower()
    return _fold_other(word)


@lru_cache(maxsize=131072)  # emptied once the matcher is built (bot.match.build): words met only in the knowledge
def _fold_other(word: str) -> str:
    word = word.casefold().translate(_FOLD)
    base = unicodedata.normalize("NFKD", word).translate(_NO_MARKS)
    if not base.isascii():
        base = base.translate(_LATIN_TO_ASCII).lower()
    if _is_arabic_script(base):
        for prefixes in (_CLITIC_PREFIXES, _ARABIC_PREFIXES):
            for prefix in prefixes:
                if base.startswith(prefix) and len(base) - len(prefix) >= 3:
                    base = base[len(prefix) :]
                    break
    return base


def contains_phrase(words: list[str], phrase: tuple[str, ...]) -> bool:
    """Does `phrase` (folded words) appear in `words` word for word, in its order?"""
    n = len(phrase)
    return any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1))


def forget_folded_words() -> None:
    """Empty the cache of folded words (the knowledge's, once the matcher is built); messages refill it."""
    _fold_other.cache_clear()


def folded_words_cached() -> int:
    return _fold_other.cache_info().currsize


def without_marks(text: str) -> str:
    """`text` without combining vowel signs (Arabic and Persian harakat), as `tokens` reads it."""
    return _COMBINING_RE.sub("", text)


def tokens(text: str) -> list[str]:
    """Folded word tokens of `text` (after `clean`). Combining marks are dropped first, so a vowel sign inside a
    word (Arabic and Persian harakat: "رُما") does not split it in two."""
    text = _as_split(clean(text))
    if text.isascii():  # folding is only lower case: one call for the whole text
        return _TOKEN_RE.findall(text.lower())
    return list(map(fold_word, _TOKEN_RE.findall(text)))


def word_set(texts: Iterable[str]) -> set[str]:
    """Every word `tokens` finds in `texts`, read as one text so that each distinct word is folded once (the
    matcher's vocabulary: tens of thousands of texts, a few hundred thousand words, far fewer distinct ones)."""
    found = set(_TOKEN_RE.findall(" ".join(_as_split(clean(text)) for text in texts)))
    return set(map(fold_word, found))


def _as_split(cleaned: str) -> str:
    """A cleaned text as `tokens` splits it: English contractions spelt out, combining marks dropped."""
    lowered = cleaned.lower()
    if "nt" in lowered or "n't" in lowered or "n’t" in lowered:  # the regex is slow; most texts have none
        cleaned = _CONTRACTION_RE.sub(lambda m: f"{_CONTRACTION_STEMS.get(m[1].lower(), m[1])} not", cleaned)
    return cleaned if cleaned.isascii() else _COMBINING_RE.sub("", cleaned)


def _is_latin(ch: str) -> bool:
    return ch.isalpha() and "LATIN" in unicodedata.name(ch, "")


def _is_arabic_script(word: str) -> bool:
    return bool(word) and "\u0600" <= word[0] <= "\u06ff"


_SENTENCE_END = re.compile(r"(?<=[.!?;…؟])\s+|\n+|\s[-–—]\s")
MAX_SENTENCES = 4


def sentences(text: str) -> list[str]:
    """The sentences of a message of more than one (each of two words or more): the first MAX_SENTENCES on their own
    and the rest, if any, together in one more part, so that nothing is left out (a danger told in passing near the
    end of a long question counts) and a long message costs one embedding more at most."""
    parts = [p.strip() for p in _SENTENCE_END.split(text) if len(p.split()) >= 2]
    if len(parts) <= 1:
        return []
    if len(parts) <= MAX_SENTENCES:
        return parts
    return [*parts[:MAX_SENTENCES], " ".join(parts[MAX_SENTENCES:])]

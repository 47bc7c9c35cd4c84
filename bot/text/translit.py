"""Messages typed in Latin letters in languages written in another script: Russian, Ukrainian and Bulgarian in
Latin transliteration ("mne nuzhen vrach"), Arabic as Arabizi with digits ("3ayez a5od kors") and Persian as
Finglish ("mikham zaban yad begiram").

`candidates(text)` rewrites a Latin message into each of those scripts by longest-match rules. The rewrite is
approximate (people transliterate in many ways), so the matcher decides which candidate, if any, is real: the
one whose words its vocabulary knows best (see bot/match/translit.py).
"""

from __future__ import annotations

import re
from functools import lru_cache

LATIN_WORD = re.compile(r"[a-z0-9']+")

# longest keys first; a key maps to Cyrillic for every word position
_CYRILLIC_COMMON = {
    "shch": "щ",
    "sch": "щ",
    "zh": "ж",
    "kh": "х",
    "ts": "ц",
    "ch": "ч",
    "sh": "ш",
    "yu": "ю",
    "ju": "ю",
    "iu": "ю",
    "ya": "я",
    "ja": "я",
    "ia": "я",
    "yo": "ё",
    "jo": "ё",
    "a": "а",
    "b": "б",
    "v": "в",
    "w": "в",
    "g": "г",
    "d": "д",
    "e": "е",
    "z": "з",
    "i": "и",
    "j": "й",
    "k": "к",
    "l": "л",
    "m": "м",
    "n": "н",
    "o": "о",
    "p": "п",
    "r": "р",
    "s": "с",
    "t": "т",
    "u": "у",
    "f": "ф",
    "h": "х",
    "x": "х",
    "c": "ц",
    "y": "ы",
    "q": "к",
    "'": "ь",
    "6": "ш",
    "4": "ч",
}
CYRILLIC_RULES: dict[str, dict[str, str]] = {
    "ru": {**_CYRILLIC_COMMON, "ye": "е", "je": "е", "iy": "ий", "yy": "ый"},
    "uk": {
        **_CYRILLIC_COMMON,
        "yi": "ї",
        "ji": "ї",
        "ye": "є",
        "je": "є",
        "ie": "є",
        "h": "г",
        "g": "г",
        "gh": "г",
        "iy": "ій",
        "yy": "ий",
        "y": "и",
        "i": "і",
        "yo": "йо",
    },
    # Bulgarian typed in Latin letters often writes я as "q" and щ as "6t" ("nqma", "6te doida")
    "bg": {
        **_CYRILLIC_COMMON,
        "sht": "щ",
        "iy": "ий",
        "y": "ъ",
        "yo": "йо",
        "ye": "е",
        "a": "а",
        "u": "у",
        "q": "я",
        "6t": "щ",
    },
}

# Arabizi: digits stand for letters Latin lacks; short vowels are not written inside a word in Arabic script
ARABIC_RULES = {
    "sh": "ش",
    "ch": "ش",
    "kh": "خ",
    "gh": "غ",
    "th": "ث",
    "dh": "ذ",
    "aa": "ا",
    "ee": "ي",
    "ii": "ي",
    "oo": "و",
    "uu": "و",
    "ou": "و",
    "2": "ء",
    "3": "ع",
    "5": "خ",
    "6": "ط",
    "7": "ح",
    "8": "ق",
    "9": "ق",
    "b": "ب",
    "p": "ب",
    "t": "ت",
    "j": "ج",
    "g": "ج",
    "d": "د",
    "r": "ر",
    "z": "ز",
    "s": "س",
    "f": "ف",
    "v": "ف",
    "q": "ق",
    "k": "ك",
    "c": "ك",
    "l": "ل",
    "m": "م",
    "n": "ن",
    "h": "ه",
    "w": "و",
    "y": "ي",
    "x": "كس",
    "i": "ي",
    "u": "و",
    "o": "و",
    "a": "ا",
    "e": "",
}
PERSIAN_RULES = {
    "sh": "ش",
    "ch": "چ",
    "kh": "خ",
    "gh": "ق",
    "zh": "ژ",
    "aa": "ا",
    "â": "ا",
    "ee": "ی",
    "ii": "ی",
    "oo": "و",
    "ou": "و",
    "b": "ب",
    "p": "پ",
    "t": "ت",
    "j": "ج",
    "d": "د",
    "r": "ر",
    "z": "ز",
    "s": "س",
    "f": "ف",
    "q": "ق",
    "k": "ک",
    "g": "گ",
    "l": "ل",
    "m": "م",
    "n": "ن",
    "h": "ه",
    "v": "و",
    "w": "و",
    "y": "ی",
    "i": "ی",
    "u": "و",
    "c": "ک",
    "x": "خ",
    "a": "",
    "e": "",
    "o": "",
}
_INITIAL_VOWEL = {"ar": "ا", "fa": "ا"}
_FINAL_VOWEL = {"ar": {"a": "ه", "e": "ه"}, "fa": {"e": "ه", "a": "ه", "o": "و"}}

SCRIPT_LANGUAGES = ("ru", "uk", "bg", "ar", "fa")


def is_latin_only(text: str) -> bool:
    """True when every letter is a basic Latin letter (digits and punctuation allowed) and there is one."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all("a" <= ch.casefold() <= "z" for ch in letters)


def _rewrite(word: str, rules: dict[str, str]) -> str:
    out: list[str] = []
    i = 0
    longest = max(len(k) for k in rules)
    while i < len(word):
        for size in range(min(longest, len(word) - i), 0, -1):
            piece = word[i : i + size]
            if piece in rules:
                out.append(rules[piece])
                i += size
                break
        else:
            out.append(word[i])
            i += 1
    return "".join(out)


def to_script(text: str, lang: str) -> str:
    """`text` (Latin letters) rewritten in the script of `lang` (ru, uk, bg, ar or fa)."""
    return " ".join(_word_in_script(w, lang) for w in LATIN_WORD.findall(text.casefold()))


@lru_cache(maxsize=10_000)  # a word is rewritten the same way every time, and most words recur (at most ~2 MB)
def _word_in_script(word: str, lang: str) -> str:
    if lang in CYRILLIC_RULES:
        return _rewrite(word, CYRILLIC_RULES[lang])
    if not any(ch.isalpha() or ch in "235789" for ch in word):
        return word
    rules = ARABIC_RULES if lang == "ar" else PERSIAN_RULES
    head = _INITIAL_VOWEL[lang] if word[0] in "aeiou" else ""
    body = word[1:] if head and word[0] in "ae" else word
    tail = ""
    last = body[-1:] if body else ""
    if len(body) > 2 and last in _FINAL_VOWEL[lang] and body[-2:-1] not in "aeiou":
        tail, body = _FINAL_VOWEL[lang][last], body[:-1]
    return head + _rewrite(body, rules) + tail


def candidates(text: str) -> dict[str, str]:
    """For a Latin-only message: language -> the message rewritten in that language's script."""
    if not is_latin_only(text):
        return {}
    return {lang: to_script(text, lang) for lang in SCRIPT_LANGUAGES}

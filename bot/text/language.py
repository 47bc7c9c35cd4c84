"""Which of our 14 languages a message is written in.

lingua (restricted to our languages, low-accuracy mode: ~40 MB, 0.1 s to load) gives confidences; for short
texts and the Czech/Slovak pair those are weak, so they are blended with how many of the message's words are
known words of each language (from its phrasings, stop words and small talk).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from bot.languages import LANGUAGES
from bot.text.translit import is_latin_only

_LINGUA = {code: Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in LANGUAGES}
_CODES = {lang: code for code, lang in _LINGUA.items()}
VOCABULARY_WEIGHT = 2.0
BARE_LINGUA_FACTOR = 0.2  # lingua's weight for a message typed in plain a-z letters only
LETTER_WEIGHT = 0.6  # per distinctive letter kind present, e.g. Czech ř/ů/ě vs Slovak ľ/ô/ä
DISTINCTIVE_LETTERS = {
    "cs": "řůě",
    "sk": "ľĺŕôä",
    "pl": "ąęłśźżń",
    "ro": "ășțşţ",
    "hu": "őű",
    "lt": "ėįųū",
    "lv": "āēīķļņģ",
    "pt": "ãõç",
    "uk": "іїєґ",
    "ru": "ыэё",
    "bg": "ъщ",
    "fa": "پچژگیک",
    "ar": "ةىيكأإ",
}  # known words of a language vs lingua's confidence (which sums to 1)


@dataclass(frozen=True)
class Guess:
    lang: str
    confidence: float
    ranking: tuple[tuple[str, float], ...]


class LanguageGuesser:
    def __init__(self, vocabulary: dict[str, set[str]]) -> None:
        """`vocabulary`: language -> folded words known to be of that language."""
        self._detector: LanguageDetector = (
            LanguageDetectorBuilder.from_languages(*_LINGUA.values())
            .with_low_accuracy_mode()
            .with_preloaded_language_models()
            .build()
        )
        self._vocabulary = vocabulary

    def guess(self, text: str, words: Iterable[str]) -> Guess | None:
        """Best language for `text` (raw) whose folded tokens are `words`; None when there is nothing to go on."""
        words = [w for w in words if not w.isdigit()]
        scores: dict[str, float] = dict.fromkeys(LANGUAGES, 0.0)
        lingua_weight = 1.0 if len(words) >= 3 else 0.5
        if is_latin_only(text):
            # typed without diacritics: lingua's letter statistics mislead (Czech typed bare reads as Slovak), the
            # known words say more
            lingua_weight *= BARE_LINGUA_FACTOR
        if any(ch.isalpha() for ch in text):
            for value in self._detector.compute_language_confidence_values(text):
                scores[_CODES[value.language]] += lingua_weight * value.value
        lowered = text.casefold()
        for lang, letters in DISTINCTIVE_LETTERS.items():
            scores[lang] += LETTER_WEIGHT * sum(1 for letter in letters if letter in lowered)
        if words:
            for word in words:
                # a word known in one language only is strong evidence; one known in several is shared among them
                # (looked up per word, 14 set lookups: a table of every word's languages took 0.2 s and tens of MB)
                owners = [lang for lang, known in self._vocabulary.items() if word in known]
                for lang in owners:
                    scores[lang] += VOCABULARY_WEIGHT / len(owners) / len(words)
        ranking = tuple(sorted(scores.items(), key=lambda kv: -kv[1]))
        if ranking[0][1] <= 0:
            return None
        total = sum(v for _, v in ranking) or 1.0
        return Guess(ranking[0][0], ranking[0][1] / total, ranking)

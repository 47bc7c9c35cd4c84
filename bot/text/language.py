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

_LINGUA = {code: Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in LANGUAGES}
_CODES = {lang: code for code, lang in _LINGUA.items()}


@dataclass(frozen=True)
class Guess:
    lang: str
    confidence: float
    ranking: tuple[tuple[str, float], ...]


class LanguageGuesser:
    def __init__(self, vocabulary: dict[str, set[str]]) -> None:
        """`vocabulary`: language -> folded words known to be of that language."""
        self._detector: LanguageDetector = (
            LanguageDetectorBuilder.from_languages(*_LINGUA.values()).with_low_accuracy_mode().build()
        )
        self._vocabulary = vocabulary
        # words that are known in exactly one language are strong evidence
        owners: dict[str, set[str]] = {}
        for lang, words in vocabulary.items():
            for word in words:
                owners.setdefault(word, set()).add(lang)
        self._owners = owners

    def guess(self, text: str, words: Iterable[str]) -> Guess | None:
        """Best language for `text` (raw) whose folded tokens are `words`; None when there is nothing to go on."""
        words = [w for w in words if not w.isdigit()]
        scores: dict[str, float] = dict.fromkeys(LANGUAGES, 0.0)
        lingua_weight = 1.0 if len(words) >= 3 else 0.5
        if any(ch.isalpha() for ch in text):
            for value in self._detector.compute_language_confidence_values(text):
                scores[_CODES[value.language]] += lingua_weight * value.value
        if words:
            for word in words:
                owners = self._owners.get(word)
                if owners:
                    for lang in owners:
                        scores[lang] += 1.0 / len(owners) / len(words)
        ranking = tuple(sorted(scores.items(), key=lambda kv: -kv[1]))
        if ranking[0][1] <= 0:
            return None
        total = sum(v for _, v in ranking) or 1.0
        return Guess(ranking[0][0], ranking[0][1] / total, ranking)

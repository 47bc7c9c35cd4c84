"""The languages the bot speaks (ISO 639-1 codes, fixed by the contract)."""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = (
    "en",
    "pl",
    "sk",
    "cs",
    "lt",
    "lv",
    "ro",
    "hu",
    "bg",
    "pt",
    "ru",
    "uk",
    "ar",
    "fa",
)
RTL_LANGUAGES: frozenset[str] = frozenset({"ar", "fa"})
SOURCE_LANGUAGE = "en"


# Languages close enough that a message in one may be written with the other's words, endings and spellings: the
# matcher also scores a message against its siblings' phrasings, and reads their crisis phrases as loosely as its own
CLOSE_SIBLINGS: dict[str, tuple[str, ...]] = {
    "cs": ("sk",),
    "sk": ("cs",),
    "ru": ("uk", "bg"),
    "uk": ("ru", "bg"),
    "bg": ("ru", "uk"),
    "lt": ("lv",),
    "lv": ("lt",),
}


def relatives(code: str) -> frozenset[str]:
    """The language itself and its close siblings."""
    return frozenset({code, *CLOSE_SIBLINGS.get(code, ())})


def is_supported(code: str | None) -> bool:
    return code in LANGUAGES


def normalise_code(code: str | None) -> str | None:
    """Map a client language tag such as 'pl-PL' or 'pt_BR' to one of ours, or None."""
    if not code:
        return None
    base = code.replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else None

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


# Languages close enough that one's words, endings and typos are read in the other's messages
CLOSE_LANGUAGES: tuple[frozenset[str], ...] = (
    frozenset({"cs", "sk"}),
    frozenset({"ru", "uk", "bg"}),
    frozenset({"lt", "lv"}),
)


def relatives(code: str) -> frozenset[str]:
    """The language itself and its close relatives."""
    return frozenset({code}).union(*(group for group in CLOSE_LANGUAGES if code in group))


def is_supported(code: str | None) -> bool:
    return code in LANGUAGES


def normalise_code(code: str | None) -> str | None:
    """Map a client language tag such as 'pl-PL' or 'pt_BR' to one of ours, or None."""
    if not code:
        return None
    base = code.replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else None

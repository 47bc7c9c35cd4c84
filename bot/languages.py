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


def is_supported(code: str | None) -> bool:
    return code in LANGUAGES


def normalise_code(code: str | None) -> str | None:
    """Map a client language tag such as 'pl-PL' or 'pt_BR' to one of ours, or None."""
    if not code:
        return None
    base = code.replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else None

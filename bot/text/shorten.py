"""Shortening text for people: button labels cut at a word boundary, the first sentence of a description without
stopping at an abbreviation ("e.g.", "např.", "т.е.") or a number ("1.", "2008.")."""

from __future__ import annotations

import re

ELLIPSIS = "…"
# abbreviations that end with a full stop and are not the end of a sentence, in the bot's languages (lower case;
# matched on the word before the stop, and on the two words before it for "de ex.")
ABBREVIATIONS = frozenset(
    {
        # en
        "e.g", "i.e", "etc", "eg", "ie", "vs", "no", "mr", "mrs", "ms", "dr", "st", "approx", "incl", "esp",
        # pl sk cs lt lv hu
        "np", "tj", "tzn", "itd", "itp", "ok", "ul", "nr", "např", "napr", "atď", "tzv", "pvz", "pan", "piem",
        "u.c", "utt", "pl", "stb", "ld", "kb", "vö",
        # ro pt
        "ex", "de ex", "p.ex", "sr", "sra",
        # bg ru uk
        "т", "т.е", "т.к", "т.н", "т.д", "т.п", "напр", "др", "пр", "г", "гг", "ул", "см", "т.зв", "і т.д", "тис",
    }
)  # fmt: skip
_SENTENCE_END = re.compile(r"([.!?。؟])(?=\s)")
_WORD_BEFORE = re.compile(r"(\S+)\s+(\S+)\Z|(\S+)\Z")


def short_label(text: str, limit: int) -> str:
    """`text` in at most `limit` characters, cut at a word boundary with "…" (a single long word is cut inside)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    room = text[: limit - 1]
    cut = room.rstrip()
    if text[limit - 1] != " " and " " in room:
        cut = room[: room.rfind(" ")].rstrip()
    cut = cut.rstrip(",;:–-—(/ ")
    return (cut or room.rstrip()) + ELLIPSIS


def _is_abbreviation(before: str) -> bool:
    """Whether the text ending just before a full stop ends in an abbreviation or a number."""
    match = _WORD_BEFORE.search(before)
    if match is None:
        return False
    last = (match.group(2) or match.group(3)).lstrip("(\"'“«„").lower()
    if last.isdigit() or (len(last) == 1 and last.isalpha()):  # "1.", "2008.", an initial "J."
        return True
    if last in ABBREVIATIONS:
        return True
    return bool(match.group(1)) and f"{match.group(1).lower()} {last}" in ABBREVIATIONS


def first_sentence(text: str, min_length: int = 40) -> str:
    """The first sentence of `text` that is at least `min_length` characters long (or the whole text)."""
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if end <= min_length:
            continue
        if match.group(1) == "." and _is_abbreviation(text[: match.start()]):
            continue
        return text[:end]
    return text


def sentences(text: str) -> list[str]:
    """`text` split into its sentences (not at an abbreviation or a number), each without surrounding spaces."""
    parts, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if match.group(1) == "." and _is_abbreviation(text[: match.start()]):
            continue
        parts.append(text[start : match.end()].strip())
        start = match.end()
    parts.append(text[start:].strip())
    return [part for part in parts if part]

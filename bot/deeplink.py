"""Deep links that open a card on someone else's phone: `https://t.me/<bot>?start=<payload>`.

The payload carries nothing about a person: only the issue id and the language, as `c_<issue>_<lang>`. Telegram
allows A-Z a-z 0-9 _ - and at most 64 characters; issue ids are lower-case letters, digits and "-" (no "_"), so
the form splits back unambiguously. `parse_start` gives None for anything else (an old or a forged link).
"""

from __future__ import annotations

import re

from bot.languages import is_supported

MAX_PAYLOAD = 64
_PAYLOAD = re.compile(r"c_([a-z0-9][a-z0-9-]{0,47})_([a-z]{2,3})\Z")


def start_payload(issue_id: str, lang: str) -> str:
    payload = f"c_{issue_id}_{lang}"
    if not _PAYLOAD.match(payload) or not is_supported(lang) or len(payload) > MAX_PAYLOAD:
        raise ValueError(f"cannot link to {issue_id!r} in {lang!r}")
    return payload


def parse_start(payload: str) -> tuple[str, str] | None:
    """(issue id, language) from a /start payload, or None."""
    match = _PAYLOAD.match(payload)
    if match is None or not is_supported(match.group(2)):
        return None
    return match.group(1), match.group(2)


def start_link(bot_username: str, issue_id: str, lang: str) -> str:
    return f"https://t.me/{bot_username}?start={start_payload(issue_id, lang)}"

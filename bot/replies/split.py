"""Telegram refuses texts over 4096 characters: split long replies at line boundaries, never inside a tag."""

from __future__ import annotations

import re

from bot.replies.model import Reply

TELEGRAM_LIMIT = 4096
_OPEN_TAG = re.compile(r"<(b|i|u|s|code|pre|blockquote)>")


def split_reply(reply: Reply, limit: int = TELEGRAM_LIMIT) -> list[Reply]:
    """Parts of at most `limit` characters; the buttons go with the last part."""
    parts = split_html(reply.html, limit)
    return [Reply(part, reply.buttons if n == len(parts) - 1 else ()) for n, part in enumerate(parts)]


def split_html(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    if len(text) <= limit:
        return [text]
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        for piece in _fit(line, limit):
            candidate = f"{current}\n{piece}" if current else piece
            if len(candidate) <= limit:
                current = candidate
            else:
                parts.append(current)
                current = piece
    if current:
        parts.append(current)
    return [p for p in parts if p.strip()]


def _fit(line: str, limit: int) -> list[str]:
    """A single over-long line is cut between words, outside tags (our lines never nest tags across lines)."""
    if len(line) <= limit:
        return [line]
    pieces, start = [], 0
    while len(line) - start > limit:
        cut = _safe_cut(line, start, start + limit)
        pieces.append(line[start:cut])
        start = cut
    pieces.append(line[start:])
    return pieces


def _safe_cut(line: str, start: int, end: int) -> int:
    space = line.rfind(" ", start + 1, end)
    cut = space if space > start else end
    # move back out of any tag or entity we would cut through
    lt, gt = line.rfind("<", start, cut), line.rfind(">", start, cut)
    if lt > gt:
        cut = lt
    amp, semi = line.rfind("&", start, cut), line.rfind(";", start, cut)
    if amp > semi and cut - amp < 10:
        cut = amp
    # never leave a formatting tag open across parts: cut before it instead
    for match in _OPEN_TAG.finditer(line, start, cut):
        closing = line.find(f"</{match.group(1)}>", match.end())
        if closing == -1 or closing >= cut:
            cut = match.start() if match.start() > start else cut
            break
    return max(cut, start + 1)

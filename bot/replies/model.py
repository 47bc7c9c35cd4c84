"""A reply is data: Telegram-safe HTML text and rows of buttons (label + callback data)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

_TAG_RE = re.compile(r"<a href=\"([^\"]*)\">(.*?)</a>|<[^>]+>", re.DOTALL)


@dataclass(frozen=True)
class Button:
    text: str
    data: str  # callback data (see bot/callbacks.py) — at most 64 bytes
    url: str | None = None


@dataclass(frozen=True)
class Reply:
    html: str
    buttons: tuple[tuple[Button, ...], ...] = field(default_factory=tuple)

    @property
    def text(self) -> str:
        return plain_text(self.html)

    def to_json(self) -> dict[str, object]:
        return {
            "text": self.text,
            "html": self.html,
            "buttons": [[{"text": b.text, "data": b.data} for b in row] for row in self.buttons],
        }


def esc(text: str) -> str:
    """Escape dynamic text for Telegram's HTML parse mode."""
    return html.escape(text, quote=False)


def link(url: str, label: str | None = None) -> str:
    return f'<a href="{html.escape(url, quote=True)}">{esc(label or url)}</a>'


def plain_text(markup: str) -> str:
    """The HTML reply as plain text (terminal, `ask`): links keep their address."""

    def replace(match: re.Match[str]) -> str:
        if match.group(1) is None:
            return ""
        url, label = html.unescape(match.group(1)), html.unescape(_TAG_RE.sub("", match.group(2)))
        return label if label.strip("\u2066\u2069") == url else f"{label} ({url})"

    return html.unescape(_TAG_RE.sub(replace, markup))


def right_to_left(reply: Reply) -> Reply:
    """Arabic and Farsi: every line starts right-to-left, even when it begins with a Latin name or a number."""
    lines = [f"\u200f{line}" if line.strip() else line for line in reply.html.split("\n")]
    return Reply("\n".join(lines), reply.buttons)

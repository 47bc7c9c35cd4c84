"""Callback data for buttons: versioned, compact, at most 64 bytes (Telegram's limit).

Format: `v1:<action>[:<arg>...]`. A button from an older version (or after a restart with other data) is
recognised as stale and gets a sensible answer instead of an error.
"""

from __future__ import annotations

from dataclasses import dataclass

VERSION = "v1"
MAX_BYTES = 64


@dataclass(frozen=True)
class Callback:
    action: str
    args: tuple[str, ...] = ()


def encode(action: str, *args: str) -> str:
    data = ":".join((VERSION, action, *args))
    if len(data.encode("utf-8")) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
    return data


def decode(data: str | None) -> Callback | None:
    """None for data we cannot read (old version, garbage): the caller answers 'this button has expired'."""
    if not data:
        return None
    parts = data.split(":")
    if len(parts) < 2 or parts[0] != VERSION or not parts[1]:
        return None
    return Callback(parts[1], tuple(parts[2:]))

"""Logging set-up: our own INFO logs; libraries that could log tokens or message content stay at WARNING.

Our code logs events and error types only — never message text or Telegram ids. As a last guard, every log
line (tracebacks included) has the bot token and other secrets replaced by "***".
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

QUIET = ("httpx", "httpcore", "telegram", "apscheduler", "aiosqlite", "asyncio", "alembic")
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then removes each secret (and the token's secret half on its own) from the line."""

    def __init__(self, secrets: Iterable[str], fmt: str = FORMAT) -> None:
        super().__init__(fmt)
        found: set[str] = set()
        for secret in secrets:
            if secret:
                found.add(secret)
                if ":" in secret and len(secret.split(":", 1)[1]) >= 8:
                    found.add(secret.split(":", 1)[1])  # a token's secret part, e.g. quoted in a URL
        self.secrets = sorted(found, key=len, reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        for secret in self.secrets:
            line = line.replace(secret, "***")
        return line


def configure_logging(level: int = logging.INFO, secrets: Iterable[str] = ()) -> None:
    logging.basicConfig(format=FORMAT, level=level)
    formatter = RedactingFormatter(secrets)
    for handler in logging.getLogger().handlers:
        handler.setFormatter(formatter)
    for name in QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)

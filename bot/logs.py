"""Logging set-up: our own INFO logs; libraries that could log tokens or message content stay at WARNING.

Our code logs events and error types only — never message text or Telegram ids.
"""

from __future__ import annotations

import logging

QUIET = ("httpx", "httpcore", "telegram", "apscheduler", "aiosqlite", "asyncio", "alembic")


def configure_logging(level: int = logging.INFO) -> None:
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=level)
    for name in QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)

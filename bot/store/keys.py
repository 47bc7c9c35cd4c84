"""Users are stored under a keyed hash of their Telegram id, never the id itself."""

from __future__ import annotations

import hashlib
import hmac


def user_key(secret: bytes, telegram_id: int) -> str:
    return hmac.new(secret, str(telegram_id).encode(), hashlib.sha256).hexdigest()[:40]

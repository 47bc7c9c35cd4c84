"""Settings from the environment, read and checked once at start-up.

A bad value stops the bot with a message in plain words (never a traceback).
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from urllib.parse import urlparse, urlsplit, urlunsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"


class ConfigError(Exception):
    """A setting is wrong; the message says which and how to fix it."""


_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}\Z")  # what Telegram accepts as a webhook secret
# a bot's Telegram username: 5-32 characters, Latin letters, digits and "_", starting with a letter, ending in "bot"
_BOT_USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{1,28}[Bb][Oo][Tt]\Z")


@dataclass(frozen=True)
class Settings:
    token: str | None = field(repr=False)
    api_base_url: str | None
    database_url: str
    webhook_url: str | None
    webhook_listen: str
    webhook_port: int
    admin_ids: frozenset[int]
    user_key_secret: bytes = field(repr=False)
    unanswered_log_days: int  # 0 = off: unanswered questions are not kept at all
    flood_limit: int
    redis_url: str | None = None  # shared state (flood limits, preference cache) across replicas
    webhook_secret_setting: str | None = field(default=None, repr=False)
    database_timeout: float = 1.0  # seconds one storage call may take before the bot carries on without it
    telegram_patience: float = 120.0  # seconds a Bot API call keeps being retried through an outage
    # the bot's username for "Send to my client" links in the terminal chat and `ask` (on Telegram: from getMe)
    bot_username: str | None = None

    @property
    def use_telegram(self) -> bool:
        return bool(self.token)

    @property
    def webhook_secret(self) -> str:
        """WEBHOOK_SECRET; only when it is unset, one derived from the token (so it is stable across restarts)."""
        if self.webhook_secret_setting:
            return self.webhook_secret_setting
        return hashlib.sha256(b"webhook:" + (self.token or "").encode()).hexdigest()[:48]

    def __repr__(self) -> str:
        """Never shows the token, the secrets, or passwords inside the database and Redis addresses."""
        shown = []
        for f in fields(self):
            if not f.repr:
                shown.append(f"{f.name}=<hidden>")
                continue
            value = getattr(self, f.name)
            if f.name in ("database_url", "redis_url", "api_base_url") and isinstance(value, str):
                value = without_password(value)
            shown.append(f"{f.name}={value!r}")
        return f"Settings({', '.join(shown)})"


def without_password(url: str) -> str:
    """An address as it may be logged: any password replaced by ***."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[1]}"))


def load_settings(env: Mapping[str, str] | None = None, data_dir: Path = DATA_DIR) -> Settings:
    env = os.environ if env is None else env
    token = env.get("TELEGRAM_BOT_TOKEN", "").strip() or None
    if token and ":" not in token:
        raise ConfigError("TELEGRAM_BOT_TOKEN does not look like a bot token (it has the form 123456:ABC-DEF...).")
    base_url = env.get("BOT_API_BASE_URL", "").strip() or None
    if base_url and urlparse(base_url).scheme not in ("http", "https"):
        raise ConfigError("BOT_API_BASE_URL must start with http:// or https://, e.g. http://127.0.0.1:8081/bot")
    database_url = env.get("DATABASE_URL", "").strip() or default_database_url(data_dir)
    database_url = async_database_url(database_url)
    webhook_url = env.get("WEBHOOK_URL", "").strip() or None
    if webhook_url and not webhook_url.startswith("https://"):
        raise ConfigError("WEBHOOK_URL must be an https:// address that Telegram can reach.")
    webhook_secret = env.get("WEBHOOK_SECRET", "").strip() or None
    if webhook_secret and not _SECRET_TOKEN.match(webhook_secret):
        raise ConfigError("WEBHOOK_SECRET must be 1 to 256 characters: letters A-Z and a-z, digits, _ and -.")
    redis_url = env.get("REDIS_URL", "").strip() or None
    if redis_url and urlparse(redis_url).scheme not in ("redis", "rediss", "unix"):
        raise ConfigError("REDIS_URL must be a redis:// (or rediss://, unix://) address, e.g. redis://127.0.0.1:6379/0")
    return Settings(
        token=token,
        api_base_url=base_url,
        database_url=database_url,
        webhook_url=webhook_url,
        webhook_listen=env.get("WEBHOOK_LISTEN", "127.0.0.1"),
        webhook_port=_int(env, "WEBHOOK_PORT", 8443),
        admin_ids=_ids(env.get("ADMIN_IDS", "")),
        user_key_secret=_secret(env, data_dir),
        unanswered_log_days=_int(env, "UNANSWERED_LOG_DAYS", 0),
        flood_limit=_int(env, "FLOOD_LIMIT_PER_MINUTE", 20),
        redis_url=redis_url,
        webhook_secret_setting=webhook_secret,
        database_timeout=_seconds(env, "DATABASE_TIMEOUT", 1.0, low=0.1, high=30.0),
        telegram_patience=_seconds(env, "TELEGRAM_RETRY_SECONDS", 120.0, low=60.0, high=3600.0),
        bot_username=bot_username_setting(env),
    )


def bot_username_setting(env: Mapping[str, str] | None = None) -> str | None:
    """BOT_USERNAME, checked: the bot's Telegram username (a leading @ is allowed), or None when unset. The
    terminal chat and `ask` need it to make "Send to my client" links; on Telegram the bot asks getMe instead."""
    env = os.environ if env is None else env
    raw = env.get("BOT_USERNAME", "").strip()
    name = raw.removeprefix("@")
    if not raw:
        return None
    if not _BOT_USERNAME.match(name):
        raise ConfigError(
            f"BOT_USERNAME '{raw}' is not a Telegram bot username: it must be 5 to 32 characters, Latin letters, "
            "digits and _, start with a letter and end in 'bot' (e.g. MigrationHelpBot), as @BotFather shows it."
        )
    return name


def admin_database_settings(env: Mapping[str, str] | None = None, data_dir: Path = DATA_DIR) -> tuple[str, int]:
    """DATABASE_URL and UNANSWERED_LOG_DAYS, checked, for the admin commands (insights, review), which need
    nothing else from the bot's settings."""
    env = os.environ if env is None else env
    url = env.get("DATABASE_URL", "").strip() or default_database_url(data_dir)
    return async_database_url(url), _int(env, "UNANSWERED_LOG_DAYS", 0)


def default_database_url(data_dir: Path) -> str:
    return f"sqlite+aiosqlite:///{data_dir / 'bot.sqlite3'}"


def async_database_url(url: str) -> str:
    """Accept the usual URL forms and pick the async driver: postgresql:// -> postgresql+asyncpg://."""
    for plain, asynchronous in (
        ("postgres://", "postgresql+asyncpg://"),
        ("postgresql://", "postgresql+asyncpg://"),
        ("sqlite://", "sqlite+aiosqlite://"),
    ):
        if url.startswith(plain):
            return asynchronous + url[len(plain) :]
    if not url.startswith(("postgresql+asyncpg://", "sqlite+aiosqlite://")):
        raise ConfigError("DATABASE_URL must be a PostgreSQL (postgresql://...) or SQLite (sqlite:///path) address.")
    return url


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not '{raw}'.") from None
    if value < 0:
        raise ConfigError(f"{name} must not be negative.")
    return value


def _seconds(env: Mapping[str, str], name: str, default: float, low: float, high: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number of seconds, not '{raw}'.") from None
    if not low <= value <= high:
        raise ConfigError(f"{name} must be between {low:g} and {high:g} seconds.")
    return value


def _ids(raw: str) -> frozenset[int]:
    ids = set()
    for part in raw.replace(" ", "").split(","):
        if not part:
            continue
        if not part.lstrip("-").isdigit():
            raise ConfigError(f"ADMIN_IDS must be Telegram user ids separated by commas; '{part}' is not a number.")
        ids.add(int(part))
    return frozenset(ids)


def _secret(env: Mapping[str, str], data_dir: Path) -> bytes:
    """USER_KEY_SECRET keys the hash that replaces Telegram ids in storage. Without it, a random secret is made
    once and kept in the data folder (readable by the bot's user only)."""
    raw = env.get("USER_KEY_SECRET", "").strip()
    if raw:
        if len(raw) < 16:
            raise ConfigError("USER_KEY_SECRET must be at least 16 characters long.")
        return raw.encode()
    path = data_dir / "user-key-secret"
    if path.is_file():
        return path.read_bytes().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    value = secrets.token_hex(32).encode()
    path.write_bytes(value)
    path.chmod(0o600)
    return value

"""Settings: checked once, plain messages, and never a secret in a repr."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings

TOKEN = "4242:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


def settings(tmp_path: Path, **env: str):  # type: ignore[no-untyped-def]
    return load_settings({"TELEGRAM_BOT_TOKEN": TOKEN, "USER_KEY_SECRET": "k" * 32, **env}, data_dir=tmp_path)


def test_repr_shows_no_token_secret_or_password(tmp_path: Path) -> None:
    s = settings(
        tmp_path,
        DATABASE_URL="postgresql://bot:db-password-1@db.example.org/iag",
        REDIS_URL="redis://:redis-password-2@cache.example.org:6379/0",
        WEBHOOK_SECRET="webhook-secret-3",
    )
    shown = repr(s) + str(s)
    for secret in (TOKEN, TOKEN.split(":")[1], "k" * 32, "db-password-1", "redis-password-2", "webhook-secret-3"):
        assert secret not in shown
    assert "db.example.org" in shown and "cache.example.org" in shown  # still useful


def test_webhook_secret_from_its_setting_else_derived_from_the_token(tmp_path: Path) -> None:
    assert settings(tmp_path, WEBHOOK_SECRET="abc_DEF-123").webhook_secret == "abc_DEF-123"
    derived = settings(tmp_path).webhook_secret
    assert derived and TOKEN not in derived and derived == settings(tmp_path).webhook_secret


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("WEBHOOK_SECRET", "has spaces in it", "WEBHOOK_SECRET"),
        ("WEBHOOK_SECRET", "x" * 257, "256"),
        ("REDIS_URL", "http://127.0.0.1:6379", "redis://"),
        ("DATABASE_TIMEOUT", "soon", "number of seconds"),
        ("DATABASE_TIMEOUT", "0", "between"),
        ("TELEGRAM_RETRY_SECONDS", "10", "between 60"),
    ],
)
def test_bad_values_are_named_in_plain_words(tmp_path: Path, name: str, value: str, words: str) -> None:
    with pytest.raises(ConfigError, match=words) as caught:
        settings(tmp_path, **{name: value})
    if name == "WEBHOOK_SECRET":
        assert value not in str(caught.value)


def test_new_settings_have_safe_defaults(tmp_path: Path) -> None:
    s = settings(tmp_path)
    assert s.redis_url is None and s.database_timeout == 1.0 and s.telegram_patience >= 60
    s = settings(tmp_path, REDIS_URL="redis://127.0.0.1:6379/3", DATABASE_TIMEOUT="0.5")
    assert s.redis_url == "redis://127.0.0.1:6379/3" and s.database_timeout == 0.5


@pytest.mark.parametrize(
    ("value", "expected"),
    [("MigrationHelpBot", "MigrationHelpBot"), ("@iag_help_bot", "iag_help_bot"), ("abcbot", "abcbot"), ("", None)],
)
def test_bot_username_is_read_with_or_without_its_at(tmp_path: Path, value: str, expected: str | None) -> None:
    assert settings(tmp_path, BOT_USERNAME=value).bot_username == expected


@pytest.mark.parametrize(
    "value", ["help bot", "Help-Bot", "1stHelpBot", "HelpBott", "Hélpbot", "abot", "x" * 30 + "bot", "https://t.me/x"]
)
def test_a_bot_username_telegram_would_refuse_stops_the_start_in_plain_words(tmp_path: Path, value: str) -> None:
    with pytest.raises(ConfigError, match=r"BOT_USERNAME .* 5 to 32 characters.*end in 'bot'"):
        settings(tmp_path, BOT_USERNAME=value)

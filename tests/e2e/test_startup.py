"""Starting `run_bot.py` against a Bot API that refuses the token: one plain line, and the token nowhere."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.fake_bot_api import FakeBotApi

PROJECT = Path(__file__).resolve().parents[2]
TOKEN = "4242:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


@pytest.mark.parametrize("status", [401, 404])
def test_a_refused_token_stops_with_one_line_and_never_shows_the_token(tmp_path: Path, status: int) -> None:
    with FakeBotApi(token=TOKEN) as fake:
        fake.fail_next("getMe", status=status, retry_after=None, description="Unauthorized", times=100)
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "BOT_API_BASE_URL": fake.base_url,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.sqlite3'}",
            "USER_KEY_SECRET": "test-secret-0123456789",
        }
        result = subprocess.run(
            [sys.executable, "run_bot.py"], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120
        )
    assert result.returncode == 2
    output = result.stdout + result.stderr
    assert TOKEN not in output and TOKEN.split(":")[1] not in output
    lines = [line for line in result.stderr.splitlines() if line.strip() and " INFO " not in line]
    assert lines == ["Telegram refused the bot token: check TELEGRAM_BOT_TOKEN and BOT_API_BASE_URL."]
    assert "Traceback" not in output

"""Load benchmark: N people write at once through the Bot API; each must get exactly one answer.

    .venv/bin/python benchmarks/load.py [--users 300]

Runs the real python-telegram-bot application against the fake Bot API server (tests/e2e/fake_bot_api.py) on
127.0.0.1 and prints the throughput, side by side: updates handled one at a time vs concurrently, and Telegram's
own limit for a bot (about 30 messages a second), which the bot must never fall below.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.questions import QUESTIONS  # noqa: E402
from bot.app import Core, build_core  # noqa: E402
from tests.e2e.threaded import BotThread  # noqa: E402

TELEGRAM_LIMIT = 30.0


def one_run(core: Core, users: int, concurrent: bool) -> tuple[float, Counter[int], int]:
    with tempfile.TemporaryDirectory() as tmp, BotThread(core, Path(tmp), 256 if concurrent else False) as bot:
        start = time.perf_counter()
        for n in range(users):
            bot.fake.push_message(10_000 + n, QUESTIONS[n % len(QUESTIONS)])
        bot.fake.wait_for("sendMessage", users, 300.0)
        elapsed = time.perf_counter() - start
        time.sleep(0.5)  # anything extra would show up as a duplicate
        per_user = Counter(int(c.params["chat_id"]) for c in bot.fake.calls if c.method == "sendMessage" and c.ok)
        refused = sum(1 for c in bot.fake.calls if not c.ok)
    return elapsed, per_user, refused


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=300)
    args = parser.parse_args()
    core = build_core()
    print(f"{args.users} people writing at once, one message each")
    print(f"{'mode':24}{'seconds':>9}{'answers/s':>11}{'exactly one each':>18}{'refused':>9}")
    for label, concurrent in (("one update at a time", False), ("concurrent updates", True)):
        elapsed, per_user, refused = one_run(core, args.users, concurrent)
        exact = len(per_user) == args.users and set(per_user.values()) == {1}
        print(f"{label:24}{elapsed:9.2f}{args.users / elapsed:11.1f}{'yes' if exact else 'NO':>18}{refused:>9}")
    print(f"{'Telegram limit per bot':24}{'':9}{TELEGRAM_LIMIT:11.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

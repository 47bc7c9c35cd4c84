"""Soak benchmark (not run in CI): many messages from many people through the fake Bot API.

    .venv/bin/python benchmarks/soak.py [--messages 10000] [--users 1000]

Checks that none is lost and none duplicated, and prints resident memory after each batch: it should stay flat.
"files" is the part of it that is pages of files mapped read-only (the embedding model's weights, libraries):
shared between processes and given back to the system under memory pressure, unlike the rest.
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
from bot.app import build_core  # noqa: E402
from tests.e2e.threaded import BotThread  # noqa: E402


def rss_mb(field: str = "VmRSS") -> float:
    """Resident memory in MB (`field`: VmRSS in all, RssFile for mapped files, RssAnon for the process's own)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=1_000)
    parser.add_argument("--batch", type=int, default=1_000)
    args = parser.parse_args()
    core = build_core()
    print(f"{args.messages} messages from {args.users} people, in batches of {args.batch}")
    print(f"{'batch':>5}{'sent':>8}{'seconds':>9}{'msg/s':>8}{'RSS MB':>9}{'files':>7}")
    lost = duplicated = 0
    with tempfile.TemporaryDirectory() as tmp, BotThread(core, Path(tmp)) as bot:
        total = 0
        start_rss = rss_mb()
        for batch in range(args.messages // args.batch):
            bot.fake.reset(messages=True)  # the fake server's own memory is not the bot's
            expected: Counter[int] = Counter()
            started = time.perf_counter()
            for n in range(args.batch):
                user = 1_000_000 + (total + n) % args.users
                bot.fake.push_message(user, QUESTIONS[(total + n) % len(QUESTIONS)])
                expected[user] += 1
            bot.fake.wait_for("sendMessage", args.batch, 600.0)
            elapsed = time.perf_counter() - started
            time.sleep(0.5)  # a duplicate would arrive by now
            got = Counter(int(c.params["chat_id"]) for c in bot.fake.calls if c.method == "sendMessage" and c.ok)
            lost += sum((expected - got).values())
            duplicated += sum((got - expected).values())
            total += args.batch
            rate = args.batch / elapsed
            print(f"{batch + 1:5}{total:8}{elapsed:9.2f}{rate:8.1f}{rss_mb():9.1f}{rss_mb('RssFile'):7.1f}")
        print(f"lost {lost}, duplicated {duplicated}; RSS {start_rss:.1f} MB at start -> {rss_mb():.1f} MB at the end")
    return 0 if lost == duplicated == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

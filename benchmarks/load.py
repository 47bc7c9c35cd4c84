"""Load benchmark: N people write at once through the Bot API; each must get exactly one answer.

    .venv/bin/python benchmarks/load.py [--users 300]

Runs the real python-telegram-bot application against the fake Bot API server (tests/e2e/fake_bot_api.py) on
127.0.0.1 and prints, side by side: updates handled one at a time vs concurrently (the bot's own capacity), and
concurrently with Telegram's limit for a bot (about 30 messages a second) enforced, where one crisis message
arrives last, behind everyone else, and must still be answered within 2 s.

Latency is per person: from the moment the update is queued to the moment the fake server records the answer.
"db/answer" is the number of SQL statements the bot sent per answer (reads, writes, transaction statements).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import event  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402

from benchmarks.questions import CRISIS, QUESTIONS  # noqa: E402
from bot.app import Core, build_core  # noqa: E402
from tests.e2e.threaded import BotThread  # noqa: E402

TELEGRAM_LIMIT = 30.0
FIRST_USER = 10_000
STATEMENTS = [0]


@event.listens_for(Engine, "before_cursor_execute")
def _count_statement(*_: object) -> None:
    STATEMENTS[0] += 1  # every engine in this process: the bot's own


@dataclass(frozen=True)
class Run:
    seconds: float
    exact: bool  # exactly one answer each
    refused: int
    p50: float
    p95: float
    crisis: float | None  # seconds until the crisis reply went out
    statements: float  # SQL statements per answer


def one_run(core: Core, users: int, concurrent: bool, telegram_limit: bool) -> Run:
    with (
        tempfile.TemporaryDirectory() as tmp,
        BotThread(core, Path(tmp), 256 if concurrent else False, telegram_limit=telegram_limit) as bot,
    ):
        pushed: dict[int, float] = {}
        statements = STATEMENTS[0]
        start = time.perf_counter()
        for n in range(users):
            user = FIRST_USER + n
            crisis = telegram_limit and n == users - 1  # the last one in the queue is in danger
            bot.fake.push_message(user, CRISIS if crisis else QUESTIONS[n % len(QUESTIONS)])
            pushed[user] = time.monotonic()
        bot.fake.wait_for("sendMessage", users, 300.0)
        elapsed = time.perf_counter() - start
        time.sleep(1.5)  # anything extra would show up as a duplicate; batched writes go out
        statements = STATEMENTS[0] - statements
        calls = [c for c in bot.fake.calls if c.method == "sendMessage" and c.ok]
        per_user = Counter(int(c.params["chat_id"]) for c in calls)
        first: dict[int, float] = {}
        for call in calls:
            first.setdefault(int(call.params["chat_id"]), call.at)
        latencies = sorted(first[u] - pushed[u] for u in pushed if u in first)
        refused = sum(1 for c in bot.fake.calls if not c.ok)
    last = FIRST_USER + users - 1
    return Run(
        seconds=elapsed,
        exact=len(per_user) == users and set(per_user.values()) == {1},
        refused=refused,
        p50=statistics.median(latencies),
        p95=latencies[int(0.95 * (len(latencies) - 1))],
        crisis=first[last] - pushed[last] if telegram_limit and last in first else None,
        statements=statements / users,
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=300)
    args = parser.parse_args()
    core = build_core()
    print(f"{args.users} people writing at once, one message each")
    header = f"{'mode':34}{'seconds':>9}{'answers/s':>11}{'p50 s':>8}{'p95 s':>8}{'crisis s':>10}{'one each':>10}"
    print(header + f"{'refused':>9}{'db/answer':>11}")
    modes = (
        ("one update at a time", False, False),
        ("concurrent updates", True, False),
        ("concurrent, Telegram's 30/s limit", True, True),
    )
    for label, concurrent, limit in modes:
        run = one_run(core, args.users, concurrent, limit)
        crisis = f"{run.crisis:10.2f}" if run.crisis is not None else f"{'':10}"
        print(
            f"{label:34}{run.seconds:9.2f}{args.users / run.seconds:11.1f}{run.p50:8.2f}{run.p95:8.2f}{crisis}"
            f"{'yes' if run.exact else 'NO':>10}{run.refused:>9}{run.statements:11.2f}"
        )
    print(f"{'Telegram limit per bot':34}{'':9}{TELEGRAM_LIMIT:11.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

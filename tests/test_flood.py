from __future__ import annotations

import time
import tracemalloc
import uuid

from bot.flood import FloodGate, RedisFloodGate, Verdict


def test_over_the_limit_one_warning_then_silence_until_the_minute_has_passed() -> None:
    gate = FloodGate(limit=20)
    verdicts = [gate.check("a", now=float(n)) for n in range(25)]  # 25 messages in 25 seconds
    assert verdicts[:20] == [Verdict.ANSWER] * 20
    assert verdicts[20] == Verdict.WARN
    assert verdicts[21:] == [Verdict.IGNORE] * 4
    assert gate.check("a", now=60.5) == Verdict.ANSWER  # the first message has left the window


def test_people_are_counted_separately() -> None:
    gate = FloodGate(limit=2)
    assert [gate.check("a", 0), gate.check("a", 1), gate.check("a", 2)] == [
        Verdict.ANSWER,
        Verdict.ANSWER,
        Verdict.WARN,
    ]
    assert gate.check("b", 2) == Verdict.ANSWER


def test_idle_people_are_forgotten() -> None:
    gate = FloodGate(limit=2)
    gate.check("a", 0)
    gate.forget_idle(now=61)
    assert len(gate) == 0


def test_memory_stays_bounded_as_people_come_and_go() -> None:
    tracemalloc.start()
    try:
        gate = FloodGate(limit=20, max_people=1_000)
        for n in range(30_000):  # 30,000 people over 10 minutes, one message each
            gate.check(f"person-{n}", now=n * 0.02)
        used = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert len(gate) <= 1_000  # never more than the cap; fewer when fewer wrote in the last minute
    assert used < 3_000_000, used  # bytes: bounded, not ~0.9 KB for every person ever seen (27 MB here)
    gate.forget_idle(now=30_000 * 0.02 + 60)
    assert len(gate) == 0


def test_over_the_cap_the_longest_quiet_go_first() -> None:
    gate = FloodGate(limit=2, max_people=3)
    for key, now in (("a", 0), ("b", 1), ("c", 2), ("a", 3), ("d", 4)):
        gate.check(key, now)
    assert len(gate) == 3
    assert gate.check("a", 5) == Verdict.WARN  # "a" was kept: 2 already in this minute, the third is too many


async def test_replicas_share_the_limit_through_redis(redis_url: str) -> None:
    from redis.asyncio import Redis

    clients = [Redis.from_url(redis_url), Redis.from_url(redis_url)]
    prefix = f"test:flood:{uuid.uuid4().hex}:"
    try:
        gates = [RedisFloodGate(client, limit=20, prefix=prefix) for client in clients]
        verdicts = [await gates[n % 2].verdict("someone") for n in range(30)]  # alternating replicas
        assert verdicts.count(Verdict.ANSWER) == 20
        assert verdicts.count(Verdict.WARN) == 1 and verdicts[20] == Verdict.WARN
        assert await gates[0].verdict("someone else") == Verdict.ANSWER
        assert 0 < await clients[0].pttl(prefix + "someone") <= 60_000  # Redis forgets it after the window
    finally:
        for client in clients:
            await client.aclose()


async def test_without_redis_the_gate_counts_in_process_and_never_waits() -> None:
    from redis.asyncio import Redis

    from tests.e2e.faults import tarpit

    with tarpit() as port:
        client = Redis.from_url(f"redis://127.0.0.1:{port}/0", socket_timeout=0.2, socket_connect_timeout=0.2)
        gate = RedisFloodGate(client, limit=2)
        started = time.monotonic()
        verdicts = [await gate.verdict("someone") for _ in range(3)]
        await client.aclose()
    assert verdicts == [Verdict.ANSWER, Verdict.ANSWER, Verdict.WARN]
    assert time.monotonic() - started < 2.0

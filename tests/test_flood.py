from __future__ import annotations

from bot.flood import FloodGate, Verdict


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

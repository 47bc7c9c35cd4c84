"""The quality benchmark counts each case where it belongs and prints counts beside the rates (made-up cases and a
stand-in matcher: what is tested is the counting, not the matcher)."""

from __future__ import annotations

from dataclasses import dataclass, field

from benchmarks.quality import METRICS, evaluate
from bot.match.crisis import CrisisHit
from bot.match.matcher import Match, MatchResult


@dataclass
class AlarmingMatcher:
    """Raises a crisis for every message but those in `calm`, and answers with `issue`."""

    issue: str = "esol"
    calm: set[str] = field(default_factory=set)

    def match(self, text: str) -> MatchResult:
        crisis = None if text in self.calm else CrisisHit("violence", "", "en")
        return MatchResult("en", ("w",), crisis, None, (Match(self.issue, 0.9),))


def case(n: int, **fields: object) -> dict[str, object]:
    return {"id": f"c{n}", "text": f"message number {n}", "lang_expected": "en", "crisis": False, **fields}


def test_alarms_are_counted_apart_for_questions_chat_and_traps() -> None:
    cases = [
        case(1, expect="esol", style="plain"),
        case(2, expect="esol", kind="trap"),
        case(3, expect="schools", style="trap"),
        case(4, expect=None, kind="offtopic"),
        case(5, crisis=True, crisis_kind="violence", form="plain"),
    ]
    groups = evaluate(AlarmingMatcher(), cases, misses := [])
    counts = groups["all"].counts
    assert counts["fp_plain"] == [0, 1]
    assert counts["fp_trap"] == [0, 2]
    assert counts["fp_chat"] == [0, 1]
    assert counts["crisis"] == [1, 1]
    assert counts["top1"] == [2, 3]  # the trap about schools got esol
    assert len(misses) == 4 + 2 + 1  # four alarms; the wrong topic (first and in the first three); chat answered


def test_a_rate_is_printed_with_its_count_so_a_near_miss_is_not_rounded_over_a_bound() -> None:
    cases = [case(n, crisis=True) for n in range(168)]
    missed = {f"message number {n}" for n in range(4)}
    groups = evaluate(AlarmingMatcher(calm=missed), cases, [])
    assert "crisis=0.976(164/168)" in groups["all"].line(METRICS)

"""Hard lives described vividly, and chat that is not about migration: tests/data/hardship.jsonl (70 messages, 5 in
each of the 14 languages) was written for these tests by a writer who saw neither the knowledge nor the training
data. Floors a little under today's figures: losing the off-topic or hard-but-not-urgent examples fails here.

False alarms on these messages are still high (about four in ten of the hard-but-not-urgent ones get the crisis
reply first: 0.48 in round 5, 0.45 since round 6's examples and threshold): a known weakness, measured here so that
it cannot get worse unnoticed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.match import Matcher

CASES = [
    json.loads(line)
    for line in (Path(__file__).resolve().parents[1] / "data" / "hardship.jsonl").read_text("utf-8").splitlines()
    if line.strip()
]
HARDSHIP = [case for case in CASES if case["style"] == "hardship"]
OFF_TOPIC = [case for case in CASES if case["style"] == "offtopic"]


@pytest.fixture(scope="module")
def results(matcher: Matcher) -> dict[str, tuple[list[str], bool]]:
    out = {}
    for case in CASES:
        result = matcher.match(case["text"])
        out[case["id"]] = ([m.issue for m in result.matches], result.crisis is not None)
    return out


def test_every_language_has_both_kinds() -> None:
    langs = {case["lang"] for case in CASES}
    assert len(langs) == 14
    assert all(sum(c["lang"] == lang for c in HARDSHIP) == 3 for lang in langs)


def test_a_hard_situation_finds_its_topic(results: dict[str, tuple[list[str], bool]]) -> None:
    found = [case["id"] for case in HARDSHIP if case["expect"] in results[case["id"]][0][:3]]
    assert len(found) / len(HARDSHIP) >= 0.95, sorted({c["id"] for c in HARDSHIP} - set(found))


def test_chat_about_other_things_opens_no_topic(results: dict[str, tuple[list[str], bool]]) -> None:
    """Homework sums, recipes, a phone that will not charge: "I can't help with that", not a random card (0.50
    before round 5's off-topic examples, 0.64 with them, 0.82 since round 6 halves the scores of a message nearly as
    close to the off-topic examples as to its best topic)."""
    rejected = [case["id"] for case in OFF_TOPIC if not results[case["id"]][0]]
    assert len(rejected) / len(OFF_TOPIC) >= 0.75, sorted({c["id"] for c in OFF_TOPIC} - set(rejected))


def test_false_alarms_on_hard_but_not_urgent_messages_do_not_grow(results: dict[str, tuple[list[str], bool]]) -> None:
    alarms = [case["id"] for case in HARDSHIP if results[case["id"]][1]]
    assert len(alarms) / len(HARDSHIP) <= 0.47, alarms

"""Hard lives described vividly, and chat that is not about migration: tests/data/hardship.jsonl (70 messages, 5 in
each of the 14 languages) was written for these tests by a writer who saw neither the knowledge nor the training
data. Floors a little under today's figures: losing the off-topic or hard-but-not-urgent examples fails here.

False alarms on these messages are still high (0.48 of the hard-but-not-urgent ones got the crisis reply first in
round 5, 0.45 in round 6, 0.19 since then): a known weakness, measured here so that it cannot get worse unnoticed.
tests/data/hard_lives.jsonl (84 messages, 6 in each language, round 15) is a second such set from another writer:
hardships told with tears, fear and shame, by migrants and by staff about their clients.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.languages import LANGUAGES
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
    assert len(alarms) / len(HARDSHIP) <= 0.25, alarms


HARD_LIVES = [
    json.loads(line)
    for line in (Path(__file__).resolve().parents[1] / "data" / "hard_lives.jsonl").read_text("utf-8").splitlines()
    if line.strip()
]


def test_hard_lives_told_with_strong_feelings_find_their_topic_and_few_alarms(matcher: Matcher) -> None:
    """15 of the 84 get the crisis reply first (0.18; 18 before round 15's 980 look-alike examples, 17 until round
    17 asked a little more of the learned signals without a crisis phrase, 12 before it doubted phrases whose words
    stand far apart, 10 until round 19 read each sentence of a long message on its own, which catches dangers told
    in passing in long staff questions and costs two of these, 12 until round 20's short training examples for
    short panicked messages and children in danger, which cost two more: messages about frightened children and
    threats that sit at the bound; 15 since round 21's training messages of people held now, which moved one, a cold
    and mouldy room told in Latin letters, from just under to just over the whole message's bound for a sentence
    that reads as danger): measured so that it cannot grow unnoticed. The topic is among the first three
    for 83."""
    assert {case["lang"] for case in HARD_LIVES} == set(LANGUAGES) and len(HARD_LIVES) == 84
    results = {case["id"]: matcher.match(case["text"]) for case in HARD_LIVES}
    alarms = [key for key, result in results.items() if result.crisis is not None]
    found = [case["id"] for case in HARD_LIVES if case["expect"] in [m.issue for m in results[case["id"]].matches][:3]]
    assert len(alarms) <= 15, alarms
    assert len(found) / len(HARD_LIVES) >= 0.95, sorted({c["id"] for c in HARD_LIVES} - set(found))

"""What people really type, by style and by kind of crisis: tests/data/styles.jsonl (308 messages, 22 in each of
the 14 languages) was written for these tests by a writer who saw neither the knowledge nor the training data.
Floors a little under today's figures: a change that loses a style or a kind of crisis fails here.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from bot.match import Matcher

CASES = [
    json.loads(line)
    for line in (Path(__file__).resolve().parents[1] / "data" / "styles.jsonl").read_text("utf-8").splitlines()
    if line.strip()
]


@pytest.fixture(scope="module")
def figures(matcher: Matcher) -> dict[str, tuple[int, int]]:
    """metric:group -> (hits, cases); groups: all, each style, each crisis kind, each language."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])

    def add(metric: str, groups: list[str], ok: bool) -> None:
        for group in groups:
            counts[f"{metric}:{group}"][0] += ok
            counts[f"{metric}:{group}"][1] += 1

    for case in CASES:
        result = matcher.match(case["text"])
        groups = ["all", case["style"], case["lang"], *([case["crisis_kind"]] if case["crisis_kind"] else [])]
        issues = [m.issue for m in result.matches]
        if case["crisis"]:
            add("crisis", groups, result.crisis is not None)
            add("danger", groups, result.danger is not None)
        else:
            add("false_alarm", groups, result.crisis is not None)
            if case["expect"]:
                add("top1", groups, bool(issues) and issues[0] == case["expect"])
                add("top3", groups, case["expect"] in issues[:3])
            else:
                add("off_topic", groups, not issues)
        add("lang", groups, result.lang == case["lang"])
    return {k: (v[0], v[1]) for k, v in counts.items()}


def rate(figures: dict[str, tuple[int, int]], key: str) -> float:
    hits, n = figures[key]
    return hits / n


@pytest.mark.parametrize(
    ("key", "floor"),
    [
        ("top1:all", 0.88),
        ("top3:all", 0.95),
        ("off_topic:all", 0.9),
        ("crisis:all", 0.93),
        ("danger:all", 0.95),
        ("lang:all", 0.95),
    ],
)
def test_overall_floors(figures: dict[str, tuple[int, int]], key: str, floor: float) -> None:
    assert rate(figures, key) >= floor, figures


@pytest.mark.parametrize("style", ["plain", "colloquial", "indirect", "long-staff", "phone-typed", "translit"])
def test_every_style_of_question_finds_its_topic(figures: dict[str, tuple[int, int]], style: str) -> None:
    assert rate(figures, f"top3:{style}") >= 0.85, figures[f"top3:{style}"]


@pytest.mark.parametrize("kind", ["suicide", "violence", "trafficking", "child", "medical"])
def test_every_kind_of_crisis_is_caught(figures: dict[str, tuple[int, int]], kind: str) -> None:
    assert rate(figures, f"crisis:{kind}") >= 0.8, figures[f"crisis:{kind}"]
    assert rate(figures, f"danger:{kind}") >= 0.9, figures[f"danger:{kind}"]


@pytest.mark.parametrize(
    "style", ["crisis-report-other", "crisis-in-question", "crisis-panicked", "crisis-indirect", "crisis-translit"]
)
def test_every_style_of_crisis_is_caught(figures: dict[str, tuple[int, int]], style: str) -> None:
    assert rate(figures, f"crisis:{style}") >= 0.75, figures[f"crisis:{style}"]
    assert rate(figures, f"lang:{style}") >= 0.75, figures[f"lang:{style}"]


def test_false_alarms_stay_rare(figures: dict[str, tuple[int, int]]) -> None:
    assert rate(figures, "false_alarm:all") <= 0.10, figures["false_alarm:all"]
    assert rate(figures, "false_alarm:trap") <= 0.35, figures["false_alarm:trap"]


@pytest.mark.parametrize("lang", ["en", "pl", "sk", "cs", "lt", "lv", "ro", "hu", "bg", "pt", "ru", "uk", "ar", "fa"])
def test_every_language_finds_most_topics(figures: dict[str, tuple[int, int]], lang: str) -> None:
    assert rate(figures, f"top3:{lang}") >= 0.8, figures[f"top3:{lang}"]


def test_situations_told_without_the_topics_words_find_their_topic(matcher: Matcher) -> None:
    """tests/data/indirect.jsonl: 56 situations in 14 languages told without the topic's usual words, written for
    this test by a writer who saw only a list of the topics. Words and nearest examples alone put 47 first; with the
    topic classifier's reading (bot/match/topic_model.py) 49."""
    path = Path(__file__).resolve().parents[1] / "data" / "indirect.jsonl"
    cases = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    firsts = [[m.issue for m in matcher.match(case["text"]).matches][:1] == [case["expect"]] for case in cases]
    assert sum(firsts) >= 48, [case["text"] for case, ok in zip(cases, firsts, strict=True) if not ok]

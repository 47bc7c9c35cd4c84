"""Matching quality on our own labelled questions, written for this project by people who did not see the
phrasings: tests/data/questions.jsonl (every language) and tests/data/questions_2.jsonl (long staff questions,
phone-typed migrant questions). The figures are the floor we keep; `benchmarks/matching.py` prints them beside
the baselines.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from bot.match import Matcher

DATA = Path(__file__).resolve().parents[1] / "data"
QUESTIONS = DATA / "questions.jsonl"
QUESTIONS_2 = DATA / "questions_2.jsonl"


def evaluate(matcher: Matcher, path: Path) -> dict[str, float]:
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    n_in = top1 = top3 = n_oos = oos_ok = n_crisis = crisis_ok = n_calm = false_alarms = n_lang = lang_ok = 0
    per_lang: dict[str, list[bool]] = defaultdict(list)
    for case in cases:
        result = matcher.match(case["text"])
        issues = [m.issue for m in result.matches]
        if case["crisis"]:
            n_crisis += 1
            crisis_ok += result.crisis is not None
        else:
            n_calm += 1
            false_alarms += result.crisis is not None
            if case["expect"]:
                n_in += 1
                hit = bool(issues) and issues[0] == case["expect"]
                top1 += hit
                top3 += case["expect"] in issues[:3]
                per_lang[case["lang"]].append(hit)
            else:
                n_oos += 1
                oos_ok += not issues
        if len(case["text"].split()) >= 3 and case["lang"]:
            n_lang += 1
            lang_ok += result.lang == case["lang"]
    figures = {
        "top1": top1 / n_in,
        "top3": top3 / n_in,
        "oos_reject": oos_ok / n_oos,
        "crisis_recall": crisis_ok / n_crisis,
        "crisis_fp": false_alarms / n_calm,
        "lang": lang_ok / n_lang,
    }
    figures.update({f"top1_{lang}": sum(v) / len(v) for lang, v in per_lang.items()})
    return figures


@pytest.fixture(scope="module")
def report(matcher: Matcher) -> dict[str, float]:
    return evaluate(matcher, QUESTIONS)


@pytest.fixture(scope="module")
def report_2(matcher: Matcher) -> dict[str, float]:
    return evaluate(matcher, QUESTIONS_2)


@pytest.mark.parametrize(
    ("metric", "floor"),
    [("top1", 0.88), ("top3", 0.92), ("oos_reject", 0.9), ("crisis_recall", 1.0), ("crisis_fp", 0.0), ("lang", 0.95)],
)
def test_quality_floor_on_the_second_set(report_2: dict[str, float], metric: str, floor: float) -> None:
    value = report_2[metric]
    assert (value <= floor) if metric == "crisis_fp" else (value >= floor), report_2


@pytest.mark.parametrize(
    ("metric", "floor"),
    [("top1", 0.92), ("top3", 0.93), ("oos_reject", 0.9), ("crisis_recall", 1.0), ("lang", 0.95)],
)
def test_quality_floor(report: dict[str, float], metric: str, floor: float) -> None:
    assert report[metric] >= floor, report


def test_false_alarms_are_rare(report: dict[str, float]) -> None:
    assert report["crisis_fp"] <= 0.02, report


@pytest.mark.parametrize("lang", ["en", "pl", "sk", "cs", "lt", "lv", "ro", "hu", "bg", "pt", "ru", "uk", "ar", "fa"])
def test_every_language_is_matched(report: dict[str, float], lang: str) -> None:
    assert report[f"top1_{lang}"] >= 0.8, report

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

from bot.conversation import CRISIS_SIGNPOST_SCORE
from bot.match import Matcher

DATA = Path(__file__).resolve().parents[1] / "data"
QUESTIONS = DATA / "questions.jsonl"
QUESTIONS_2 = DATA / "questions_2.jsonl"
# the topics added from the other seed documents (community tensions and hate crime, waste/noise/neighbours, Roma
# inclusion), in all 14 languages, written for issue 12 separately from the phrasings
QUESTIONS_ADDED = DATA / "questions_added_topics.jsonl"
LANGS = ["en", "pl", "sk", "cs", "lt", "lv", "ro", "hu", "bg", "pt", "ru", "uk", "ar", "fa"]


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
    [("top1", 0.88), ("top3", 0.92), ("oos_reject", 0.9), ("crisis_recall", 1.0), ("crisis_fp", 0.03), ("lang", 0.95)],
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


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_is_matched(report: dict[str, float], lang: str) -> None:
    assert report[f"top1_{lang}"] >= 0.8, report


@pytest.fixture(scope="module")
def report_added(matcher: Matcher) -> dict[str, float]:
    return evaluate(matcher, QUESTIONS_ADDED)


@pytest.mark.parametrize(
    ("metric", "floor"),
    # oos_reject: 14 off-topic questions here, so one miss is 7 points; the matcher rejects 12 ("kurz eura", the euro
    # rate, still reads as a "kurz" = course)
    [("top1", 0.92), ("top3", 0.93), ("oos_reject", 0.85), ("crisis_recall", 1.0), ("lang", 0.95)],
)
def test_added_topics_reach_the_same_floors(report_added: dict[str, float], metric: str, floor: float) -> None:
    assert report_added[metric] >= floor, report_added


@pytest.mark.parametrize("lang", LANGS)
def test_added_topics_in_every_language(report_added: dict[str, float], lang: str) -> None:
    assert report_added[f"top1_{lang}"] >= 0.8, report_added


def test_a_reported_assault_gets_the_emergency_line_and_the_hate_crime_card(matcher: Matcher) -> None:
    """Safety first: a message about someone beaten up may show the emergency line, but the person who wants to
    report a hate crime still gets that topic."""
    cases = [json.loads(line) for line in QUESTIONS_ADDED.read_text(encoding="utf-8").splitlines() if line.strip()]
    flagged = [c for c in cases if not c["crisis"] and matcher.match(c["text"]).crisis is not None]
    for case in flagged:
        result = matcher.match(case["text"])
        assert result.matches and result.matches[0].issue == case["expect"] == "community-tensions", case
        assert result.matches[0].score >= CRISIS_SIGNPOST_SCORE  # so the card follows the emergency line
    assert len(flagged) <= 0.05 * len(cases)

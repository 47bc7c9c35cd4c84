"""The insights report: small counts hidden, unanswered questions grouped, unverified contacts listed."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from bot.admin.insights import group_similar, insights_report, summary_lines
from bot.kb import KnowledgeBase
from bot.store.reports import Traffic

TODAY = dt.date(2026, 3, 10)


def sample() -> Traffic:
    return Traffic(
        since=TODAY - dt.timedelta(days=2),
        until=TODAY,
        per_day={TODAY - dt.timedelta(days=2): 3, TODAY - dt.timedelta(days=1): 0, TODAY: 17},
        no_match_per_day={TODAY - dt.timedelta(days=2): 1, TODAY - dt.timedelta(days=1): 0, TODAY: 6},
        by_language=Counter({"en": 12, "pl": 4, "uk": 4}),
        by_outcome=Counter({"match": 10, "no-match": 7, "crisis": 3}),
        by_issue=Counter({"esol": 6, "nrpf": 4}),
        crisis=Counter({"suicide": 3}),
        feedback={"esol": (5, 1), "nrpf": (0, 7)},
        unanswered=[
            (TODAY, "en", "Where can I fix my bike?"),
            (TODAY, "en", "where can i fix my bike"),
            (TODAY, "en", "where can I repair my bike"),
            (TODAY, "pl", "jaka jest pogoda"),
        ],
    )


def test_counts_under_five_are_hidden_everywhere(kb: KnowledgeBase) -> None:
    report = insights_report(sample(), kb, {"pl": {"ui": 1.0, "knowledge": 0.5, "outdated": 2, "unreviewed": 9}}, 7)
    assert report["questions"] == 20 and report["days"] == 3
    assert list(report["per_day"].values()) == ["<5", "<5", 17]
    assert report["by_language"] == {"en": 12, "pl": "<5", "uk": "<5"}
    assert report["by_issue"] == {"esol": 6, "nrpf": "<5"}
    assert report["crisis"] == {"suicide": "<5"}
    assert report["no_match"] == 7 and report["no_match_rate"] == 0.35
    assert report["feedback"] == {"esol": {"up": 5, "down": "<5"}, "nrpf": {"up": "<5", "down": 7}}
    assert report["most_down"] == [{"issue": "nrpf", "down": 7}, {"issue": "esol", "down": "<5"}]
    assert report["translations"]["pl"]["outdated"] == 2
    every_count = [*report["per_day"].values(), *report["by_language"].values(), *report["crisis"].values()]
    assert all(n == "<5" or n >= 5 for n in every_count)


def test_a_rate_from_a_hidden_count_is_not_given(kb: KnowledgeBase) -> None:
    traffic = sample()
    traffic.by_outcome["no-match"] = 2
    assert insights_report(traffic, kb, {})["no_match_rate"] is None


def test_unanswered_questions_are_grouped_by_similar_wording(kb: KnowledgeBase) -> None:
    groups = group_similar([(lang, text) for _, lang, text in sample().unanswered])
    assert [(lang, n) for _, lang, n in groups] == [("en", 3), ("pl", 1)]
    assert "bike" in groups[0][0]
    report = insights_report(sample(), kb, {}, unanswered_log_days=7)
    assert [g["count"] for g in report["unanswered"]["groups"]] == ["<5", "<5"]
    off = insights_report(sample(), kb, {}, unanswered_log_days=0)
    assert off["unanswered"]["log_on"] is False


def test_unverified_contacts_and_services_are_listed(kb: KnowledgeBase) -> None:
    report = insights_report(sample(), kb, {})
    unverified = set(report["unverified"]["contacts"]) | set(report["unverified"]["services"])
    assert unverified == {c.id for c in kb.contacts if not c.verified}
    assert "samaritans" in report["unverified"]["services"] and "annex2-item-03" in report["unverified"]["contacts"]


def test_summary_names_what_an_admin_looks_for(kb: KnowledgeBase) -> None:
    text = "\n".join(summary_lines(insights_report(sample(), kb, {}, 7)))
    assert "Questions: 20; no answer: 7 (35%)" in text
    assert "en 12, pl <5, uk <5" in text and "nrpf 7" in text and "bike" in text

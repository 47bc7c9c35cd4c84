"""What people ask, for admins: counts per day, language and topic, no-match rate, 👎 per topic, crisis replies
per kind, the unanswered questions grouped by similarity, translation status and unverified contacts.

`insights_report` turns raw counts (bot/store/reports.py) into the report every adapter shows — JSON for
`run_bot.py insights --json`, charts and HTML, the Telegram summary. Any count under 5 is shown as "<5" so a
small count cannot point at a person; rates are given only when the counts behind them are shown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from rapidfuzz import fuzz

from bot.kb.model import KnowledgeBase
from bot.store import Store
from bot.store.reports import Traffic, traffic
from bot.text.normalise import tokens

SMALL = 5  # counts under this are shown as "<5"
HIDDEN = "<5"
SIMILAR = 75  # rapidfuzz token_sort_ratio (0..100) of the normalised words at which two questions count as one
TOP = 10

Shown = int | str  # a count, or "<5"


def shown(count: int) -> Shown:
    return count if count >= SMALL else HIDDEN


def shown_counts(counts: Mapping[str, int]) -> dict[str, Shown]:
    """Largest first; zero counts left out."""
    return {key: shown(n) for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if n}


def insights_report(
    traffic: Traffic,
    kb: KnowledgeBase,
    translations: Mapping[str, Mapping[str, float | int]],
    unanswered_log_days: int = 0,
) -> dict[str, Any]:
    """The report as plain JSON-ready data (the `insights --json` contract plus more)."""
    questions = traffic.questions
    no_match = traffic.by_outcome.get("no-match", 0)
    down = Counter({issue: votes[1] for issue, votes in traffic.feedback.items() if votes[1]})
    return {
        "days": len(traffic.per_day),
        "since": traffic.since.isoformat(),
        "until": traffic.until.isoformat(),
        "questions": shown(questions),
        "per_day": {day.isoformat(): shown(n) for day, n in traffic.per_day.items()},
        "no_match_per_day": {day.isoformat(): shown(n) for day, n in traffic.no_match_per_day.items()},
        "by_language": shown_counts(traffic.by_language),
        "by_outcome": shown_counts(traffic.by_outcome),
        "by_issue": shown_counts(traffic.by_issue),
        "no_match": shown(no_match),
        "no_match_rate": round(no_match / questions, 3) if no_match >= SMALL else None,
        "crisis": shown_counts(traffic.crisis),
        "feedback": {
            issue: {"up": shown(up), "down": shown(dn)} for issue, (up, dn) in sorted(traffic.feedback.items())
        },
        "most_down": [{"issue": issue, "down": shown(n)} for issue, n in down.most_common(TOP)],
        "unanswered": {
            "log_on": unanswered_log_days > 0,
            "keep_days": unanswered_log_days,
            "groups": [
                {"text": text, "lang": lang, "count": shown(count)}
                for text, lang, count in group_similar([(lang, text) for _, lang, text in traffic.unanswered])[:TOP]
            ],
        },
        "translations": {lang: dict(row) for lang, row in translations.items()},
        "unverified": {
            "contacts": [c.id for c in kb.contacts if not c.verified and not c.kind],
            "services": [c.id for c in kb.contacts if not c.verified and c.kind],
        },
    }


async def gather_insights(
    store: Store,
    kb: KnowledgeBase,
    translations: Mapping[str, Mapping[str, float | int]],
    days: int,
    unanswered_log_days: int = 0,
) -> dict[str, Any]:
    """Read the counts of the last `days` days and build the report."""
    return insights_report(await traffic(store, days), kb, translations, unanswered_log_days)


def group_similar(questions: list[tuple[str, str]]) -> list[tuple[str, str, int]]:
    """(lang, text) pairs -> (example text, its language, how many) groups of questions asked in nearly the same
    words (after normalising), most frequent first. The example is the group's most common wording."""
    groups: list[tuple[str, list[tuple[str, str]]]] = []  # (normalised key, members)
    for lang, text in questions:
        key = " ".join(tokens(text))
        for group_key, members in groups:
            if fuzz.token_sort_ratio(key, group_key) >= SIMILAR:
                members.append((lang, text))
                break
        else:
            groups.append((key, [(lang, text)]))
    result = []
    for _, members in groups:
        (lang, text), _n = Counter(members).most_common(1)[0]
        result.append((text, lang, len(members)))
    return sorted(result, key=lambda g: -g[2])


def summary_lines(report: Mapping[str, Any]) -> list[str]:
    """The report in a few plain-text lines (the CLI's default output and the Telegram message)."""
    lines = [
        f"Insights, {report['since']} to {report['until']} ({report['days']} days)",
        f"Questions: {report['questions']}; no answer: {report['no_match']}"
        + (f" ({report['no_match_rate']:.0%})" if report["no_match_rate"] is not None else ""),
        "By language: " + _pairs(report["by_language"]),
        "Top topics: " + _pairs(dict(list(report["by_issue"].items())[:TOP])),
        "Crisis replies: " + _pairs(report["crisis"]),
        "Most 👎: " + (", ".join(f"{row['issue']} {row['down']}" for row in report["most_down"]) or "none"),
    ]
    unanswered = report["unanswered"]
    if unanswered["log_on"]:
        lines.append("Unanswered, grouped:")
        lines.extend(f"  {g['count']} × [{g['lang']}] {g['text']}" for g in unanswered["groups"])
        if not unanswered["groups"]:
            lines.append("  none")
    else:
        lines.append("Unanswered questions' text: the log is off (UNANSWERED_LOG_DAYS)")
    lines.append(
        "Translations (knowledge current / outdated / unreviewed): "
        + ", ".join(
            f"{lang} {row['knowledge']:.0%}/{row['outdated']}/{row['unreviewed']}"
            for lang, row in report["translations"].items()
            if lang != "en"
        )
    )
    unverified = report["unverified"]
    lines.append(f"Unverified: {len(unverified['contacts'])} contacts, {len(unverified['services'])} services")
    return lines


def _pairs(counts: Mapping[str, Shown]) -> str:
    return ", ".join(f"{key} {n}" for key, n in counts.items()) or "none"

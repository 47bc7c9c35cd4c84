"""`run_bot.py review`: what needs an admin — contacts and services not verified (with source and year), content
older than a set age, translations outdated, missing or unreviewed per language, and the questions people asked
that got 👎 or no answer."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bot.admin.insights import TOP, group_similar, shown, shown_counts
from bot.admin.verify import contact_locations
from bot.i18n import Catalogs, Status
from bot.kb.extract import knowledge_strings
from bot.kb.model import Contact, KnowledgeBase
from bot.kb.problems import display_path
from bot.languages import LANGUAGES, SOURCE_LANGUAGE
from bot.store.reports import Traffic

DEFAULT_MAX_AGE_DAYS = 365
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


def source_year(source: str | None) -> int | None:
    """The year a source was published, when it says: 'LAA Toolkit (..., 2008), Annex 2' -> 2008."""
    years = _YEAR.findall(source or "")
    return int(years[-1]) if years else None


def review_report(
    kb: KnowledgeBase,
    knowledge: Path,
    catalogs: Catalogs,
    coverage: Mapping[str, Mapping[str, float | int]],
    traffic: Traffic | None,
    *,
    today: dt.date | None = None,
    max_age_days: int = DEFAULT_MAX_AGE_DAYS,
    unanswered_log_days: int = 0,
) -> dict[str, Any]:
    today = today or dt.date.today()
    cutoff = today - dt.timedelta(days=max_age_days)
    locations = contact_locations(knowledge)

    def where(contact: Contact) -> str | None:
        location = locations.get(contact.id)
        return f"{display_path(location.path)}:{location.entry_line}" if location else None

    unverified = [
        {
            "id": c.id,
            "name": c.name,
            "kind": "service" if c.kind else "contact",
            "source": c.source,
            "year": source_year(c.source),
            "file": where(c),
        }
        for c in kb.contacts
        if not c.verified
    ]
    stale: list[dict[str, Any]] = [
        {"what": "contact", "id": c.id, "date": c.verified, "source": c.source, "file": where(c)}
        for c in kb.contacts
        if c.verified and dt.date.fromisoformat(c.verified) < cutoff
    ]
    for issue in kb.issues:
        year = source_year(issue.source)
        if year is not None and dt.date(year, 12, 31) < cutoff:
            stale.append({"what": "issue", "id": issue.id, "date": str(year), "source": issue.source, "file": None})
    return {
        "today": today.isoformat(),
        "max_age_days": max_age_days,
        "unverified": unverified,
        "stale": stale,
        "translations": _translations(kb, catalogs, coverage),
        "questions": _questions(traffic, unanswered_log_days),
    }


def _translations(
    kb: KnowledgeBase, catalogs: Catalogs, coverage: Mapping[str, Mapping[str, float | int]]
) -> dict[str, dict[str, Any]]:
    texts = list(knowledge_strings(kb))
    result = {}
    for lang in LANGUAGES:
        if lang == SOURCE_LANGUAGE:
            continue
        lookups = [(context, catalogs.knowledge(lang, context, english)) for context, english in texts]
        row = coverage.get(lang, {})
        result[lang] = {
            "knowledge_outdated": [c for c, x in lookups if x.status is Status.OUTDATED],
            "knowledge_missing": [c for c, x in lookups if x.status is Status.MISSING],
            "knowledge_unreviewed": sum(1 for _, x in lookups if x.unreviewed),
            "ui": row.get("ui"),
            "outdated": row.get("outdated"),
            "unreviewed": row.get("unreviewed"),
        }
    return result


def _questions(traffic: Traffic | None, unanswered_log_days: int) -> dict[str, Any]:
    if traffic is None:
        return {"error": "the database could not be read (DATABASE_URL)"}
    down = Counter({issue: votes[1] for issue, votes in traffic.feedback.items() if votes[1]})
    groups = group_similar([(lang, text) for _, lang, text in traffic.unanswered])
    return {
        "since": traffic.since.isoformat(),
        "down": shown_counts(down),
        "no_match": shown(traffic.by_outcome.get("no-match", 0)),
        "log_on": unanswered_log_days > 0,
        "unanswered": [{"text": t, "lang": lang, "count": shown(n)} for t, lang, n in groups[: TOP * 3]],
    }


def review_lines(report: Mapping[str, Any]) -> list[str]:
    """The review as plain text for the terminal."""
    lines = [f"Not verified ({len(report['unverified'])}): set 'verified' with `run_bot.py verify ID` once checked"]
    for row in report["unverified"]:
        year = f" ({row['year']})" if row["year"] and str(row["year"]) not in row["source"] else ""
        lines.append(f"  {row['id']} [{row['kind']}] {row['source']}{year}  {row['file'] or ''}".rstrip())
    lines.append(f"Older than {report['max_age_days']} days ({len(report['stale'])}):")
    by_source = Counter((row["what"], row["source"]) for row in report["stale"] if row["what"] == "issue")
    for (what, source), count in by_source.items():
        lines.append(f"  {count} {what}(s) from {source}")
    for row in report["stale"]:
        if row["what"] == "contact":
            lines.append(f"  contact {row['id']} verified {row['date']}  {row['file'] or ''}".rstrip())
    lines.append("Translations (knowledge outdated / missing / unreviewed; all outdated; all unreviewed):")
    for lang, row in report["translations"].items():
        lines.append(
            f"  {lang}: {len(row['knowledge_outdated'])} / {len(row['knowledge_missing'])} / "
            f"{row['knowledge_unreviewed']}; {row['outdated']}; {row['unreviewed']}"
        )
        for context in row["knowledge_outdated"][:TOP]:
            lines.append(f"    outdated: {context}")
    questions = report["questions"]
    if "error" in questions:
        lines.append(f"Questions: {questions['error']}")
        return lines
    lines.append(f"Questions since {questions['since']}: no answer {questions['no_match']}")
    lines.append("  👎 per topic: " + (", ".join(f"{k} {v}" for k, v in questions["down"].items()) or "none"))
    if not questions["log_on"]:
        lines.append("  the text of unanswered questions is not kept (UNANSWERED_LOG_DAYS)")
    for group in questions["unanswered"]:
        lines.append(f"  {group['count']} × [{group['lang']}] {group['text']}")
    return lines

"""Read-only queries for the admins' reports (insights, review): raw counts over a range of days.

Counts here are exact; whoever shows them to a person hides the small ones (bot/admin/insights.py).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select

from bot.store.models import Feedback, Stat, Unanswered
from bot.store.repository import Store

UNKNOWN_KIND = "unknown"  # crisis counted before the kind was recorded (schema 0003)


@dataclass(frozen=True)
class Traffic:
    """What people asked from `since` to `until` (both included), from the anonymous stats and feedback."""

    since: dt.date
    until: dt.date
    per_day: dict[dt.date, int] = field(default_factory=dict)  # messages typed, per day
    no_match_per_day: dict[dt.date, int] = field(default_factory=dict)
    by_language: Counter[str] = field(default_factory=Counter)
    by_outcome: Counter[str] = field(default_factory=Counter)  # match, no-match, crisis, greeting, thanks
    by_issue: Counter[str] = field(default_factory=Counter)  # the best match of answered questions
    crisis: Counter[str] = field(default_factory=Counter)  # kind of crisis -> replies
    feedback: dict[str, tuple[int, int]] = field(default_factory=dict)  # issue -> (👍, 👎)
    unanswered: list[tuple[dt.date, str, str]] = field(default_factory=list)  # the optional log: day, lang, text

    @property
    def questions(self) -> int:
        return sum(self.per_day.values())


async def traffic(store: Store, days: int, today: dt.date | None = None) -> Traffic:
    """The last `days` days up to `today` (default: today)."""
    if not store.ready:
        await store.migrate()
    until = today or dt.date.today()
    since = until - dt.timedelta(days=max(days, 1) - 1)
    in_range = (Stat.day >= since, Stat.day <= until)
    async with store.sessions() as session:
        per_day: Counter[dt.date] = Counter()
        no_match: Counter[dt.date] = Counter()
        by_language: Counter[str] = Counter()
        by_outcome: Counter[str] = Counter()
        rows = await session.execute(
            select(Stat.day, Stat.lang, Stat.outcome, func.count())
            .where(*in_range)
            .group_by(Stat.day, Stat.lang, Stat.outcome)
        )
        for day, lang, outcome, count in rows:
            per_day[day] += count
            by_language[lang] += count
            by_outcome[outcome] += count
            if outcome == "no-match":
                no_match[day] += count
        issues = await session.execute(
            select(Stat.issue, func.count()).where(*in_range, Stat.outcome == "match").group_by(Stat.issue)
        )
        by_issue = Counter({issue: count for issue, count in issues if issue})
        kinds = await session.execute(
            select(Stat.crisis_kind, func.count()).where(*in_range, Stat.outcome == "crisis").group_by(Stat.crisis_kind)
        )
        crisis: Counter[str] = Counter()
        for kind, count in kinds:
            crisis[kind or UNKNOWN_KIND] += count
        votes = await session.execute(
            select(Feedback.issue, Feedback.helpful, func.count())
            .where(Feedback.day >= since, Feedback.day <= until)
            .group_by(Feedback.issue, Feedback.helpful)
        )
        feedback: dict[str, list[int]] = {}
        for issue, helpful, count in votes:
            feedback.setdefault(issue, [0, 0])[0 if helpful else 1] += count
        texts = await session.execute(
            select(Unanswered.day, Unanswered.lang, Unanswered.text)
            .where(Unanswered.day >= since, Unanswered.day <= until)
            .order_by(Unanswered.id)
        )
        unanswered = [(day, lang, text) for day, lang, text in texts]
    return Traffic(
        since=since,
        until=until,
        per_day={day: per_day.get(day, 0) for day in _days(since, until)},
        no_match_per_day={day: no_match.get(day, 0) for day in _days(since, until)},
        by_language=by_language,
        by_outcome=by_outcome,
        by_issue=by_issue,
        crisis=crisis,
        feedback={issue: (up, down) for issue, (up, down) in feedback.items()},
        unanswered=unanswered,
    )


def _days(since: dt.date, until: dt.date) -> list[dt.date]:
    return [since + dt.timedelta(days=n) for n in range((until - since).days + 1)]

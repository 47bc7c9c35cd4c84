"""The admins' reports read the anonymous counts back per day, language, topic and crisis kind."""

from __future__ import annotations

import datetime as dt

from bot.store import Store
from bot.store.reports import UNKNOWN_KIND, traffic


async def test_stored_counts_are_read_back_per_day_language_topic_and_crisis_kind(store: Store) -> None:
    today = dt.date.today()
    before = await traffic(store, 7, today)  # the PostgreSQL test database is shared by the tests
    for _ in range(6):
        await store.count_stat("pl", "match", "esol", 0.9)
    await store.count_stat("en", "no-match", None, None)
    await store.count_stat("en", "crisis", None, None, "trafficking")
    await store.count_stat("en", "crisis", None, None)  # counted before the kind was recorded
    await store.add_feedback("k1", "esol", False)
    await store.add_feedback("k2", "esol", True)
    result = await traffic(store, 7, today)
    assert result.since == today - dt.timedelta(days=6) and len(result.per_day) == 7
    assert result.per_day[today] - before.per_day[today] == 9 and result.questions - before.questions == 9
    assert result.by_language - before.by_language == {"pl": 6, "en": 3}
    assert result.by_issue - before.by_issue == {"esol": 6}
    assert result.crisis - before.crisis == {"trafficking": 1, UNKNOWN_KIND: 1}
    assert result.no_match_per_day[today] - before.no_match_per_day[today] == 1
    up, down = before.feedback.get("esol", (0, 0))
    assert result.feedback["esol"] == (up + 1, down + 1)
    future = await traffic(store, 1, today + dt.timedelta(days=1))
    assert future.questions == 0 and future.feedback == {} and list(future.per_day) == [today + dt.timedelta(days=1)]

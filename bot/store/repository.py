"""All reads and writes of stored data, async. One Store per process, created at start and handed to handlers.

The schema is brought up to date (Alembic) before first use. If the database is down, each call raises and the
caller answers with defaults; the next call tries again, so the bot recovers by itself when it returns.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import delete, event, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine

from bot.store.models import Feedback, Preference, Stat, Unanswered

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
MAX_TEXT = 600
KEEP = object()  # save_preferences: leave the stored area as it is


class Store:
    def __init__(self, database_url: str) -> None:
        self.url = database_url
        if database_url.startswith("sqlite"):
            # wait for a busy database instead of failing at once (many people writing at the same time)
            self.engine: AsyncEngine = create_async_engine(database_url, connect_args={"timeout": 30})
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
        else:
            self.engine = create_async_engine(database_url, pool_pre_ping=True)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        self._ready = False
        self._lock = asyncio.Lock()

    async def migrate(self) -> None:
        """Bring the schema to the newest version (Alembic), on this store's own connection."""
        async with self._lock:
            if self.url.startswith("sqlite"):
                path = self.url.split("///", 1)[-1]
                if path and path != ":memory:":
                    Path(path).parent.mkdir(parents=True, exist_ok=True)
            async with self.engine.begin() as connection:
                await connection.run_sync(_upgrade)
            self._ready = True

    async def _ensure(self) -> None:
        if not self._ready:
            await self.migrate()

    async def close(self) -> None:
        await self.engine.dispose()

    async def preferences(self, key: str) -> tuple[str | None, str | None] | None:
        await self._ensure()
        async with self.sessions() as session:
            row = await session.get(Preference, key)
            return (row.lang, row.role) if row else None

    async def saved_profile(self, key: str) -> tuple[str | None, str | None, str | None] | None:
        """Language, role and local area, in one read."""
        await self._ensure()
        async with self.sessions() as session:
            row = await session.get(Preference, key)
            return (row.lang, row.role, row.area) if row else None

    async def save_preferences(self, key: str, lang: str | None, role: str | None, area: object = KEEP) -> None:
        """`area`: an area id, None for no area, or left out to keep the stored one."""
        await self._ensure()
        async with self.sessions.begin() as session:
            row = await session.get(Preference, key)
            if row is None:
                row = Preference(user_key=key, lang=lang, role=role, updated_on=dt.date.today())
                session.add(row)
            else:
                row.lang, row.role, row.updated_on = lang, role, dt.date.today()
            if area is not KEEP:
                row.area = area if isinstance(area, str) else None

    async def add_feedback(self, key: str, issue: str, helpful: bool) -> None:
        await self._ensure()
        async with self.sessions.begin() as session:
            session.add(Feedback(user_key=key, issue=issue, helpful=helpful, day=dt.date.today()))

    async def count_stat(
        self, lang: str, outcome: str, issue: str | None, score: float | None, crisis_kind: str | None = None
    ) -> None:
        await self._ensure()
        async with self.sessions.begin() as session:
            session.add(
                Stat(day=dt.date.today(), lang=lang, outcome=outcome, issue=issue, score=score, crisis_kind=crisis_kind)
            )

    async def log_unanswered(self, lang: str, text: str, keep_days: int) -> None:
        """Keep an unanswered question (no user key) and delete those older than `keep_days`."""
        await self._ensure()
        async with self.sessions.begin() as session:
            session.add(Unanswered(day=dt.date.today(), lang=lang, text=text[:MAX_TEXT]))
        await self.purge_unanswered(keep_days)

    async def purge_unanswered(self, keep_days: int, today: dt.date | None = None) -> int:
        await self._ensure()
        cutoff = (today or dt.date.today()) - dt.timedelta(days=keep_days)
        async with self.sessions.begin() as session:
            result = await session.execute(delete(Unanswered).where(Unanswered.day <= cutoff))
            return result.rowcount or 0

    async def unanswered(self, limit: int = 20) -> list[tuple[dt.date, str, str]]:
        await self._ensure()
        async with self.sessions() as session:
            rows = await session.execute(
                select(Unanswered.day, Unanswered.lang, Unanswered.text).order_by(Unanswered.id.desc()).limit(limit)
            )
            return [(day, lang, text) for day, lang, text in rows]

    async def no_match_counts(self, days: int = 7) -> list[tuple[dt.date, int]]:
        await self._ensure()
        since = dt.date.today() - dt.timedelta(days=days - 1)
        async with self.sessions() as session:
            rows = await session.execute(
                select(Stat.day, func.count())
                .where(Stat.outcome == "no-match", Stat.day >= since)
                .group_by(Stat.day)
                .order_by(Stat.day)
            )
            return [(day, count) for day, count in rows]

    async def forget(self, key: str) -> int:
        """Delete every row about this person; returns how many rows went."""
        await self._ensure()
        async with self.sessions.begin() as session:
            removed = 0
            for table in (Preference, Feedback):
                result = await session.execute(delete(table).where(table.user_key == key))
                removed += result.rowcount or 0
            return removed

    async def rows_about(self, key: str) -> int:
        await self._ensure()
        async with self.sessions() as session:
            total = 0
            for table in (Preference, Feedback):
                total += await session.scalar(select(func.count()).select_from(table).where(table.user_key == key)) or 0
            return total


def _upgrade(connection: Connection) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


def _sqlite_pragmas(connection: object, _record: object) -> None:
    cursor = connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")  # readers do not block the writer
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()

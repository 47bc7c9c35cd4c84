"""All reads and writes of stored data, async. One Store per process, created at start and handed to handlers.

Every call is bounded: the engine has connect and statement timeouts (SQLite: a busy timeout) of `timeout`
seconds, and the whole call is cancelled a little after that, so a database that hangs or is locked by another
process costs at most about `timeout` seconds and raises — the caller (bot/store/storage.py) answers without it.
The schema is brought up to date (Alembic) before first use, on an engine with longer timeouts.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Literal

from alembic import command
from alembic.config import Config
from sqlalchemy import delete, event, func, insert, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine

from bot.store.models import Feedback, Preference, Stat, Unanswered

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
MAX_TEXT = 600
DEFAULT_TIMEOUT = 1.0  # seconds
MIGRATION_TIMEOUT = 60.0  # for the statements of a migration
MIGRATION_WAIT = 2.0  # for a connection or a lock: when the database is down, the migration is retried later
GRACE = 0.5  # the call as a whole is cancelled this long after the driver's own timeout should have fired
KEEP = object()  # save_preferences: leave the stored area as it is

StatRow = tuple[str, str, str | None, float | None, str | None]  # lang, outcome, issue, score, crisis kind
PreferenceField = Literal["lang", "role", "area"]
Preferences = tuple[str | None, str | None, str | None]  # lang, role, area


class Store:
    def __init__(self, database_url: str, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.url = database_url
        self.timeout = timeout
        self.sqlite = database_url.startswith("sqlite")
        self.engine: AsyncEngine = _engine(database_url, timeout)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        self._ready = False
        self._lock = asyncio.Lock()

    @property
    def ready(self) -> bool:
        """True once the schema is known to be up to date."""
        return self._ready

    async def migrate(self) -> None:
        """Bring the schema to the newest version (Alembic), on an engine of its own with longer timeouts."""
        async with self._lock:
            if self._ready:
                return
            if self.sqlite:
                path = self.url.split("///", 1)[-1]
                if path and path != ":memory:":
                    Path(path).parent.mkdir(parents=True, exist_ok=True)
            engine = _engine(self.url, MIGRATION_TIMEOUT, wait=MIGRATION_WAIT)
            try:
                async with asyncio.timeout(MIGRATION_TIMEOUT + GRACE), engine.begin() as connection:
                    await connection.run_sync(_upgrade)
            finally:
                await _dispose(engine)
            self._ready = True

    @asynccontextmanager
    async def _bounded(self) -> AsyncIterator[None]:
        """The schema is ready, and the call takes at most about `timeout` seconds."""
        if not self._ready:
            await self.migrate()
        async with asyncio.timeout(self.timeout + GRACE):
            yield

    async def close(self) -> None:
        await _dispose(self.engine)

    async def preferences(self, key: str) -> Preferences | None:
        """Language, role and local area, in one read; None for someone who chose nothing."""
        async with self._bounded(), self.sessions() as session:
            row = await session.get(Preference, key)
            return (row.lang, row.role, row.area) if row else None

    async def save_preference(self, key: str, field: PreferenceField, value: str | None) -> None:
        """Write one field only (an upsert), so choices made at the same time do not overwrite each other."""
        await self._upsert(key, {field: value})

    async def save_preferences(self, key: str, lang: str | None, role: str | None, area: object = KEEP) -> None:
        """`area`: an area id, None for no area, or left out to keep the stored one."""
        values: dict[str, Any] = {"lang": lang, "role": role}
        if area is not KEEP:
            values["area"] = area if isinstance(area, str) else None
        await self._upsert(key, values)

    async def _upsert(self, key: str, values: dict[str, Any]) -> None:
        today = dt.date.today()
        statement = (sqlite_insert if self.sqlite else postgresql_insert)(Preference).values(
            user_key=key, updated_on=today, **values
        )
        statement = statement.on_conflict_do_update(
            index_elements=[Preference.user_key],
            set_={**{name: statement.excluded[name] for name in values}, "updated_on": statement.excluded.updated_on},
        )
        async with self._bounded(), self.sessions.begin() as session:
            await session.execute(statement)

    async def add_feedback(self, key: str, issue: str, helpful: bool) -> None:
        async with self._bounded(), self.sessions.begin() as session:
            session.add(Feedback(user_key=key, issue=issue, helpful=helpful, day=dt.date.today()))

    async def count_stat(
        self, lang: str, outcome: str, issue: str | None, score: float | None, crisis_kind: str | None = None
    ) -> None:
        await self.count_stats([(lang, outcome, issue, score, crisis_kind)])

    async def count_stats(self, rows: Sequence[StatRow], day: dt.date | None = None) -> None:
        """Many anonymous counts in one round trip."""
        if not rows:
            return
        day = day or dt.date.today()
        values = [
            {"day": day, "lang": lang, "outcome": o, "issue": issue, "score": s, "crisis_kind": kind}
            for lang, o, issue, s, kind in rows
        ]
        async with self._bounded(), self.sessions.begin() as session:
            await session.execute(insert(Stat), values)

    async def log_unanswered(self, lang: str, text: str, keep_days: int) -> None:
        """Keep an unanswered question (no user key) and delete those older than `keep_days`."""
        async with self._bounded(), self.sessions.begin() as session:
            session.add(Unanswered(day=dt.date.today(), lang=lang, text=text[:MAX_TEXT]))
        await self.purge_unanswered(keep_days)

    async def purge_unanswered(self, keep_days: int, today: dt.date | None = None) -> int:
        cutoff = (today or dt.date.today()) - dt.timedelta(days=keep_days)
        async with self._bounded(), self.sessions.begin() as session:
            result: Any = await session.execute(delete(Unanswered).where(Unanswered.day <= cutoff))
            return int(result.rowcount or 0)

    async def unanswered(self, limit: int = 20) -> list[tuple[dt.date, str, str]]:
        async with self._bounded(), self.sessions() as session:
            rows = await session.execute(
                select(Unanswered.day, Unanswered.lang, Unanswered.text).order_by(Unanswered.id.desc()).limit(limit)
            )
            return [(day, lang, text) for day, lang, text in rows]

    async def no_match_counts(self, days: int = 7) -> list[tuple[dt.date, int]]:
        since = dt.date.today() - dt.timedelta(days=days - 1)
        async with self._bounded(), self.sessions() as session:
            rows = await session.execute(
                select(Stat.day, func.count())
                .where(Stat.outcome == "no-match", Stat.day >= since)
                .group_by(Stat.day)
                .order_by(Stat.day)
            )
            return [(day, count) for day, count in rows]

    async def forget(self, key: str) -> int:
        """Delete every row about this person; returns how many rows went. On SQLite the deleted bytes are
        overwritten (secure_delete) and the write-ahead log is checkpointed and emptied, so the key does not
        linger in the files."""
        async with self._bounded():
            async with self.sessions.begin() as session:
                removed = 0
                for table in (Preference, Feedback):
                    result: Any = await session.execute(delete(table).where(table.user_key == key))
                    removed += int(result.rowcount or 0)
            if self.sqlite:
                async with self.engine.connect() as connection:
                    await connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            return removed

    async def rows_about(self, key: str) -> int:
        async with self._bounded(), self.sessions() as session:
            total = 0
            for table in (Preference, Feedback):
                total += await session.scalar(select(func.count()).select_from(table).where(table.user_key == key)) or 0
            return total


def _engine(url: str, timeout: float, wait: float | None = None) -> AsyncEngine:
    """`timeout`: for a statement; `wait`: for a connection or a lock (default: `timeout`)."""
    wait = timeout if wait is None else wait
    if url.startswith("sqlite"):
        # a locked database (another process writing) fails after `wait` instead of waiting on
        engine = create_async_engine(url, connect_args={"timeout": wait}, pool_timeout=wait)
        milliseconds = int(wait * 1000)

        def pragmas(connection: Any, _record: object) -> None:
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")  # readers do not block the writer
            cursor.execute(f"PRAGMA busy_timeout={milliseconds}")
            cursor.execute("PRAGMA secure_delete=ON")  # deleted rows are overwritten, not left in free pages
            cursor.close()

        event.listen(engine.sync_engine, "connect", pragmas)
        return engine
    return create_async_engine(
        url,
        pool_pre_ping=True,
        pool_timeout=wait,
        connect_args={
            "timeout": wait,  # connecting (a server that accepts but never answers)
            "command_timeout": timeout,  # any statement, on the client side
            "server_settings": {"statement_timeout": str(int(timeout * 1000)), "lock_timeout": str(int(wait * 1000))},
        },
    )


async def _dispose(engine: AsyncEngine) -> None:
    """Close the engine's connections; one stuck in a hung database is left behind rather than waited for."""
    try:
        async with asyncio.timeout(MIGRATION_WAIT + GRACE):
            await engine.dispose()
    except TimeoutError:
        pass


def _upgrade(connection: Connection) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")

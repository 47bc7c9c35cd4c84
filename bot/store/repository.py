"""All reads and writes of stored data, async. One Store per process, created at start and handed to handlers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import delete, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine

from bot.store.models import Feedback, Preference, Stat

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class Store:
    def __init__(self, database_url: str) -> None:
        if database_url.startswith("sqlite"):
            path = database_url.split("///", 1)[-1]
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.engine: AsyncEngine = create_async_engine(database_url, pool_pre_ping=True)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)

    async def migrate(self) -> None:
        """Bring the schema to the newest version (Alembic), on this store's own connection."""
        async with self.engine.begin() as connection:
            await connection.run_sync(_upgrade)

    async def close(self) -> None:
        await self.engine.dispose()

    async def preferences(self, key: str) -> tuple[str | None, str | None] | None:
        async with self.sessions() as session:
            row = await session.get(Preference, key)
            return (row.lang, row.role) if row else None

    async def save_preferences(self, key: str, lang: str | None, role: str | None) -> None:
        async with self.sessions.begin() as session:
            row = await session.get(Preference, key)
            if row is None:
                session.add(Preference(user_key=key, lang=lang, role=role, updated_on=dt.date.today()))
            else:
                row.lang, row.role, row.updated_on = lang, role, dt.date.today()

    async def add_feedback(self, key: str, issue: str, helpful: bool) -> None:
        async with self.sessions.begin() as session:
            session.add(Feedback(user_key=key, issue=issue, helpful=helpful, day=dt.date.today()))

    async def count_stat(self, lang: str, outcome: str, issue: str | None, score: float | None) -> None:
        async with self.sessions.begin() as session:
            session.add(Stat(day=dt.date.today(), lang=lang, outcome=outcome, issue=issue, score=score))

    async def forget(self, key: str) -> int:
        """Delete every row about this person; returns how many rows went."""
        async with self.sessions.begin() as session:
            removed = 0
            for table in (Preference, Feedback):
                result = await session.execute(delete(table).where(table.user_key == key))
                removed += result.rowcount or 0
            return removed

    async def rows_about(self, key: str) -> int:
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

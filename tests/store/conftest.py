from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import async_database_url
from bot.store import Store

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
_fresh_schema: list[bool] = []  # the test database is emptied once per run: another checkout may have left its schema


async def _empty_test_database(url: str) -> None:
    from sqlalchemy import text

    store = Store(url)
    try:
        async with store.engine.begin() as connection:
            await connection.execute(text("DROP SCHEMA public CASCADE"))
            await connection.execute(text("CREATE SCHEMA public"))
    finally:
        await store.close()


async def _postgres_reachable() -> bool:
    store = Store(async_database_url(POSTGRES_URL))
    try:
        async with asyncio.timeout(5), store.engine.connect():
            return True
    except Exception:
        return False
    finally:
        await store.close()


@pytest.fixture(params=["sqlite", "postgresql"])
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store]:
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path / 'test.sqlite3'}"
    else:
        if not await _postgres_reachable():
            if os.environ.get("CI"):
                pytest.fail(f"PostgreSQL is not reachable at {POSTGRES_URL} (CI must start it: see .ci/run)")
            pytest.skip(f"PostgreSQL is not reachable at {POSTGRES_URL}; set TEST_POSTGRES_URL to test it")
        url = async_database_url(POSTGRES_URL)
        if not _fresh_schema:
            await _empty_test_database(url)
            _fresh_schema.append(True)
    store = Store(url)
    await store.migrate()
    yield store
    await store.close()

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bot.kb import KnowledgeBase, load_knowledge

os.environ.setdefault("PTB_TIMEDELTA", "1")  # as run_bot.py does: durations as timedelta
PROJECT = Path(__file__).resolve().parent.parent
KNOWLEDGE = PROJECT / "knowledge"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge(KNOWLEDGE)


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped knowledge folder."""
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target


@pytest.fixture(scope="session")
def matcher(kb: KnowledgeBase):  # type: ignore[no-untyped-def]
    from bot.match import build_matcher

    return build_matcher(kb)


@pytest.fixture(scope="session")
def conversation(kb: KnowledgeBase, matcher):  # type: ignore[no-untyped-def]
    from bot.conversation import Conversation
    from bot.i18n import Catalogs

    return Conversation(kb, matcher, Catalogs(PROJECT / "locales"))


REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
async def redis_url() -> str:
    """A reachable Redis for tests (TEST_REDIS_URL); skipped with the reason when there is none (CI has one)."""
    from redis.asyncio import Redis

    client = Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        await client.ping()
    except Exception:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS_URL} (CI must start it: see .ci/run)")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}; set TEST_REDIS_URL to test it")
    finally:
        await client.aclose()
    return REDIS_URL

from __future__ import annotations

import atexit
import logging
import os
import shutil
import sys
from pathlib import Path

import pytest

from bot.kb import KnowledgeBase, load_knowledge

os.environ.setdefault("PTB_TIMEDELTA", "1")  # as run_bot.py does: durations as timedelta
PROJECT = Path(__file__).resolve().parent.parent
KNOWLEDGE = PROJECT / "knowledge"


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Leave with pytest's own exit status once its work is done, before the interpreter tears down the background
    threads some tests leave running. In that tear-down a thread caught inside a C++ extension (greenlet, under
    SQLAlchemy's async bridge, is the likely one: python-greenlet/greenlet#324 describes the same race) aborted the
    whole process, "terminate called without an active exception", after all 876 tests had passed (CI, once)."""
    atexit.register(_leave, int(exitstatus))


def _leave(status: int) -> None:
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


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

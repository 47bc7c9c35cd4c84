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

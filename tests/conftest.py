from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.kb import KnowledgeBase, load_knowledge

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

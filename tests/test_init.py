"""Process-wide settings made when the bot package is imported."""

from __future__ import annotations

import platform
import sys

import pytest

import bot


@pytest.mark.skipif(
    sys.platform != "linux" or platform.libc_ver()[0] != "glibc", reason="malloc arenas are a glibc setting"
)
def test_memory_arenas_are_limited_unless_the_environment_says_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    assert bot._limit_malloc_arenas() is True
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert bot._limit_malloc_arenas() is False

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


def _thread_settings(env: dict[str, str]) -> list[str]:
    import os
    import subprocess

    clean = {k: v for k, v in os.environ.items() if k not in ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT")}
    code = "import os, bot; print(os.environ['OMP_WAIT_POLICY'], os.environ['GOMP_SPINCOUNT'])"
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    run = [sys.executable, "-c", code]
    out = subprocess.run(run, env={**clean, **env}, cwd=root, capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_embedding_threads_sleep_when_idle_after_a_short_spin_unless_the_environment_says_otherwise() -> None:
    assert _thread_settings({}) == ["PASSIVE", "10000"]
    assert _thread_settings({"OMP_WAIT_POLICY": "ACTIVE", "GOMP_SPINCOUNT": "0"}) == ["ACTIVE", "0"]

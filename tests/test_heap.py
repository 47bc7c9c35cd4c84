"""Memory freed while building goes back to the system."""

from __future__ import annotations

import ctypes.util
import sys

import pytest

from bot import heap


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim exists on Linux only")
def test_freed_memory_is_returned_to_the_system_on_linux() -> None:
    assert heap.release_free_memory() is True


def test_without_a_c_library_to_ask_nothing_breaks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    assert heap.release_free_memory() is False


def test_a_c_library_that_cannot_be_loaded_is_no_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: "libnot-there.so.9")
    assert heap.release_free_memory() is False

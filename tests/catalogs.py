"""A copy of the project's catalogs with one file edited, for tests of what a missing translation does."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

LOCALES = Path(__file__).resolve().parent.parent / "locales"


def edited_locales(tmp_path: Path, file: str, edit: Callable[[str], str]) -> Path:
    """`file`: a path inside locales/ ("pl/LC_MESSAGES/bot.po"); `edit`: its text -> the new text."""
    locales = tmp_path / "locales"
    shutil.copytree(LOCALES, locales)
    path = locales / file
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return locales

"""A small helper that checks fields of one YAML block and collects problems with their lines."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bot.kb.problems import Problem
from bot.kb.rules import type_name
from bot.kb.yamlfile import YList, YMap


class Checker:
    """Collects problems for one file."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems

    def add(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def mapping(self, value: Any, line: int, what: str) -> YMap | None:
        if isinstance(value, YMap):
            return value
        self.add(line, f"{what} must be a block of 'field: value' lines, not {type_name(value)}")
        return None

    def known_fields(self, block: YMap, allowed: Iterable[str], what: str) -> None:
        allowed = list(allowed)
        for key in block:
            if key not in allowed:
                self.add(
                    block.line_of(key),
                    f"unknown field '{key}' in {what} (known fields: {', '.join(allowed)})",
                )

    def text(self, block: YMap, key: str, *, required: bool = True) -> str | None:
        value = block.get(key)
        if value is None:
            if required:
                self.add(block.line_of(key), f"'{key}' is missing or empty")
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.add(block.line_of(key), f"'{key}' must be text, not {type_name(value)}")
            return None
        if not value.strip():
            self.add(block.line_of(key), f"'{key}' is empty")
            return None
        return value.strip()

    def text_list(self, block: YMap, key: str, *, required: bool = True) -> list[tuple[int, str]]:
        """A list of non-empty texts, as (line, text) pairs."""
        value = block.get(key)
        if value is None:
            if required:
                self.add(block.line_of(key), f"'{key}' is missing: give a list")
            return []
        return self.texts(value, block.line_of(key), f"'{key}'")

    def texts(self, value: Any, line: int, what: str) -> list[tuple[int, str]]:
        if not isinstance(value, YList):
            self.add(line, f"{what} must be a list (lines starting with '- '), not {type_name(value)}")
            return []
        result = []
        for index, item in enumerate(value):
            item_line = value.line_of(index)
            if isinstance(item, (int, float)) and not isinstance(item, bool):
                item = str(item)
            if not isinstance(item, str):
                self.add(item_line, f"an entry of {what} must be text, not {type_name(item)}")
            elif not item.strip():
                self.add(item_line, f"an entry of {what} is empty")
            else:
                result.append((item_line, item.strip()))
        return result

    def int_list(self, block: YMap, key: str) -> list[tuple[int, int]]:
        value = block.get(key)
        if value is None:
            return []
        if not isinstance(value, YList):
            self.add(block.line_of(key), f"'{key}' must be a list of numbers, not {type_name(value)}")
            return []
        result = []
        for index, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, int):
                self.add(value.line_of(index), f"an entry of '{key}' must be a whole number, not '{item}'")
            else:
                result.append((value.line_of(index), item))
        return result

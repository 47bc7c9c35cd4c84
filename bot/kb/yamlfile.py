"""Read a YAML file into plain Python values that remember the line each value came from.

Mappings become `YMap` (a dict) and sequences `YList` (a list); both carry `.line` and the line of each
key or item, so validation can say `path:line: what is wrong`. Scalars are plain Python values.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

# libyaml's parser when it is installed (PyYAML's wheels include it): about 10 times faster, same line numbers
LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YMap(dict):  # type: ignore[type-arg]
    line: int
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class YList(list):  # type: ignore[type-arg]
    line: int
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


class YamlError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _DuplicateKey(YamlError):
    pass


def read_yaml(path: Path, *, all_text: bool = False) -> Any:
    """Parse `path`; raise YamlError(line, message) in words an admin understands.

    With `all_text`, every scalar is read as the text written (so Polish "no" or "on" stay words, not yes/no).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(1, f"the file is not UTF-8 text ({exc.reason})") from None
    if "\t" in text:
        line = text[: text.index("\t")].count("\n") + 1
        raise YamlError(line, "a tab character: indent with spaces, not tabs")
    try:
        node = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or "this is not valid YAML"
        raise YamlError(line, f"not valid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise YamlError(1, f"not valid YAML: {exc}") from None
    if node is None:
        return None
    return _convert(node, all_text, _constructor())


def _constructor() -> yaml.constructor.SafeConstructor:
    """Turns scalar nodes into Python values (one per file: it remembers what it built)."""
    constructor = yaml.SafeLoader.__new__(yaml.SafeLoader)
    yaml.constructor.SafeConstructor.__init__(constructor)
    return constructor


def _convert(node: yaml.Node, all_text: bool, constructor: yaml.constructor.SafeConstructor) -> Any:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result = YMap()
        result.line = line
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = _convert(key_node, all_text, constructor)
            if isinstance(key, (YMap, YList)):
                raise YamlError(key_node.start_mark.line + 1, "a key must be a plain word, not a list or mapping")
            if key in result:
                raise _DuplicateKey(key_node.start_mark.line + 1, f"'{key}' is written twice in the same block")
            result[key] = _convert(value_node, all_text, constructor)
            result.key_lines[key] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        items = YList(_convert(item, all_text, constructor) for item in node.value)
        items.line = line
        items.item_lines = [item.start_mark.line + 1 for item in node.value]
        return items
    if all_text:
        return node.value
    try:
        return constructor.construct_object(node)
    except (ValueError, yaml.YAMLError):
        return node.value  # e.g. "2008-13-45": kept as text, the validator explains what is wrong

"""YAML through libyaml: the same values and the same line numbers as the pure-Python parser, faster."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.kb import yamlfile

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


def lines(value: Any) -> Any:
    """The value with every line number it carries, for comparison."""
    if isinstance(value, yamlfile.YMap):
        return (value.line, sorted(value.key_lines.items()), {k: lines(v) for k, v in value.items()})
    if isinstance(value, yamlfile.YList):
        return (value.line, value.item_lines, [lines(v) for v in value])
    return value


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML was built without libyaml")
def test_libyaml_reads_every_knowledge_file_like_the_python_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    files = sorted(KNOWLEDGE.rglob("*.yaml"))
    timings = {}
    results = {}
    for loader in (yaml.CSafeLoader, yaml.SafeLoader):
        monkeypatch.setattr(yamlfile, "LOADER", loader)
        started = time.perf_counter()
        results[loader] = [lines(yamlfile.read_yaml(path)) for path in files]
        timings[loader] = time.perf_counter() - started
    assert results[yaml.CSafeLoader] == results[yaml.SafeLoader]
    assert timings[yaml.CSafeLoader] < timings[yaml.SafeLoader] / 2


def test_a_syntax_error_names_the_same_line_with_either_parser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("id: esol\ntitle: [unclosed\nsummary: text\n", encoding="utf-8")
    found = []
    for loader in {getattr(yaml, "CSafeLoader", yaml.SafeLoader), yaml.SafeLoader}:
        monkeypatch.setattr(yamlfile, "LOADER", loader)
        with pytest.raises(yamlfile.YamlError) as caught:
            yamlfile.read_yaml(path)
        found.append(caught.value.line)
    assert len(set(found)) == 1

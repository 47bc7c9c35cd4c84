"""The seed documents (sources.yaml) and the two rules every cited record follows: its `source` names a seed file
and a section, and its `year` is a plausible year no later than that document."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from bot.kb.checker import Checker
from bot.kb.model import SourceDocument
from bot.kb.yamlfile import YMap

SOURCE_FIELDS = ("file", "title", "publisher", "short", "year")
SEED_FILE_RE = re.compile(r"^\d{3}_[0-9a-f]{16}\.txt$")
EARLIEST_YEAR = 1990
EXAMPLE = "001_68d1df532e05cb0b.txt, Chapter Two: Housing"


def read_source_document(checker: Checker, entry: YMap) -> SourceDocument | None:
    checker.known_fields(entry, SOURCE_FIELDS, "a source document")
    file = checker.text(entry, "file")
    if file and not SEED_FILE_RE.match(file):
        checker.add(entry.line_of("file"), f"'{file}' is not a seed file name (like 001_68d1df532e05cb0b.txt)")
        file = None
    title, publisher, short = (checker.text(entry, key) for key in ("title", "publisher", "short"))
    year = read_year(checker, entry, None)
    if not (file and title and publisher and short and year):
        return None
    return SourceDocument(file, title, publisher, short, year)


def cited_document(
    checker: Checker, block: YMap, key: str, documents: dict[str, SourceDocument]
) -> tuple[str | None, SourceDocument | None]:
    """The `source` text of a record and the seed document it names; a problem when it names none."""
    text = checker.text(block, key)
    if text is None:
        return None, None
    return text, check_citation(checker, block.line_of(key), text, documents)


def check_citation(
    checker: Checker, line: int, text: str, documents: dict[str, SourceDocument]
) -> SourceDocument | None:
    file, _, section = text.partition(",")
    document = documents.get(file.strip())
    if document is None:
        known = ", ".join(sorted(documents)) or "none: sources.yaml is missing or empty"
        checker.add(line, f"source '{text}' must start with a seed file from sources.yaml ({known})")
        return None
    if not section.strip():
        checker.add(line, f"source '{text}' must also name the section, e.g. '{EXAMPLE}'")
    return document


def read_year(checker: Checker, block: YMap, document: SourceDocument | None) -> int | None:
    """`year`: a whole number from 1990 to this year, and not later than the document it comes from."""
    value: Any = block.get("year")
    line = block.line_of("year")
    if value is None:
        checker.add(line, "'year' is missing: give the year the source gives (e.g. 2009)")
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        checker.add(line, f"'year' must be a year written as a number (e.g. 2009), not '{value}'")
        return None
    if not EARLIEST_YEAR <= value <= dt.date.today().year:
        checker.add(line, f"year {value} is not plausible (from {EARLIEST_YEAR} to this year)")
        return None
    if document is not None and value > document.year:
        checker.add(line, f"year {value} is later than its source document ({document.file}, {document.year})")
        return None
    return value


def read_flag(checker: Checker, block: YMap, key: str, default: bool | None = None) -> bool | None:
    """A yes/no field (`true` or `false`); required when there is no default."""
    if key not in block or block[key] is None:
        if default is None:
            checker.add(block.line, f"'{key}' is missing: write {key}: true or {key}: false")
        return default
    value = block[key]
    if not isinstance(value, bool):
        checker.add(block.line_of(key), f"'{key}' must be true or false, not '{value}'")
        return default
    return value

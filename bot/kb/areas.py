"""Reading one local area file (areas/<area-id>.yaml): what that area's documents say, item by item."""

from __future__ import annotations

from pathlib import Path

from bot.kb.checker import Checker
from bot.kb.model import AREA_ITEM_KINDS, Area, AreaItem, SourceDocument
from bot.kb.practices import IssueRef, read_issue_list
from bot.kb.records import checked_list, read_phones, record_id
from bot.kb.rules import email_problem, url_problem
from bot.kb.sources import cited_document, read_flag, read_year
from bot.kb.yamlfile import YList, YMap

AREA_FIELDS = ("id", "name", "within", "people", "items")
ITEM_FIELDS = (
    "id", "kind", "text", "quoted", "issues", "source", "year", "phones", "urls", "emails", "address",
    "for_migrants", "sensitive", "people",
)  # fmt: skip


def read_area(
    checker: Checker, block: YMap, path: Path, documents: dict[str, SourceDocument], issue_refs: list[IssueRef]
) -> Area | None:
    checker.known_fields(block, AREA_FIELDS, "an area file")
    area_id, name = record_id(checker, block), checker.text(block, "name")
    if area_id and area_id != path.stem:
        checker.add(block.line_of("id"), f"the id '{area_id}' does not match the file name '{path.name}'")
    within = checker.text(block, "within", required=False)
    if within is not None and within == area_id:
        checker.add(block.line_of("within"), "an area cannot lie within itself")
        within = None
    people = tuple(text for _, text in checker.text_list(block, "people", required=False))
    raw_items = block.get("items")
    if not isinstance(raw_items, YList):
        checker.add(block.line_of("items"), "the area needs an 'items:' list")
        return None
    items: list[AreaItem] = []
    first_seen: dict[str, int] = {}
    for index, raw in enumerate(raw_items):
        entry = checker.mapping(raw, raw_items.line_of(index), f"item {index + 1} of 'items'")
        if entry is None:
            continue
        item = read_area_item(checker, entry, documents, issue_refs)
        if item is None:
            continue
        if item.id in first_seen:
            checker.add(entry.line_of("id"), f"item id '{item.id}' is used twice (first on line {first_seen[item.id]})")
            continue
        first_seen[item.id] = entry.line_of("id")
        items.append(item)
    if not (area_id and name):
        return None
    return Area(area_id, name, tuple(items), within, people)


def read_area_item(
    checker: Checker, entry: YMap, documents: dict[str, SourceDocument], issue_refs: list[IssueRef]
) -> AreaItem | None:
    checker.known_fields(entry, ITEM_FIELDS, "an area item")
    item_id, kind, text = record_id(checker, entry), checker.text(entry, "kind"), checker.text(entry, "text")
    if kind is not None and kind not in AREA_ITEM_KINDS:
        checker.add(entry.line_of("kind"), f"'kind' must be one of {', '.join(AREA_ITEM_KINDS)}, not '{kind}'")
        kind = None
    quoted = read_flag(checker, entry, "quoted")
    issues = read_issue_list(checker, entry, issue_refs)
    source, document = cited_document(checker, entry, "source", documents)
    year = read_year(checker, entry, document)
    sensitive = read_flag(checker, entry, "sensitive", default=False)
    for_migrants = read_flag(checker, entry, "for_migrants", default=kind == "service" and not sensitive)
    if sensitive and for_migrants and entry.get("for_migrants") is True:
        checker.add(
            entry.line_of("for_migrants"), "a sensitive item is never shown to migrants: remove 'for_migrants: true'"
        )
    phones = read_phones(checker, entry)
    urls = checked_list(checker, entry, "urls", url_problem)
    emails = checked_list(checker, entry, "emails", email_problem)
    people = tuple(name for _, name in checker.text_list(entry, "people", required=False))
    if not (item_id and kind and text and issues and source and year) or quoted is None:
        return None
    return AreaItem(
        id=item_id,
        kind=kind,
        text=text,
        issues=tuple(issues),
        source=source,
        year=year,
        quoted=quoted,
        phones=tuple(phones),
        urls=tuple(urls),
        emails=tuple(emails),
        address=checker.text(entry, "address", required=False),
        for_migrants=bool(for_migrants) and not sensitive,
        sensitive=bool(sensitive),
        people=people,
    )

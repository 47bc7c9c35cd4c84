"""Reading good practice (practices/*.yaml) and the council checklist (checklist.yaml), checking every field.

Issue ids they name go to `issue_refs`, checked once every issue file has been read.
"""

from __future__ import annotations

from bot.kb.checker import Checker
from bot.kb.model import Checklist, ChecklistGroup, ChecklistItem, Practice, SourceDocument
from bot.kb.records import record_id
from bot.kb.sources import cited_document, read_flag, read_year
from bot.kb.yamlfile import YList, YMap

PRACTICE_FIELDS = ("id", "title", "body", "text", "result", "quoted", "issues", "source", "year", "people")
CHECKLIST_FIELDS = ("source", "year", "groups")
GROUP_FIELDS = ("id", "title", "items")
ITEM_FIELDS = ("id", "text", "issues")

# (checker, line, issue id) — the issues a record names
IssueRef = tuple[Checker, int, str]


def read_practice(
    checker: Checker, entry: YMap, documents: dict[str, SourceDocument], issue_refs: list[IssueRef]
) -> Practice | None:
    checker.known_fields(entry, PRACTICE_FIELDS, "a practice")
    practice_id = record_id(checker, entry)
    title, body, text = (checker.text(entry, key) for key in ("title", "body", "text"))
    result = checker.text(entry, "result", required=False)
    quoted = read_flag(checker, entry, "quoted")
    issues = read_issue_list(checker, entry, issue_refs)
    source, document = cited_document(checker, entry, "source", documents)
    year = read_year(checker, entry, document)
    people = tuple(name for _, name in checker.text_list(entry, "people", required=False))
    if not (practice_id and title and body and text and issues and source and year) or quoted is None:
        return None
    return Practice(practice_id, title, body, text, tuple(issues), source, year, quoted, result, people)


def read_checklist(
    checker: Checker, block: YMap, documents: dict[str, SourceDocument], issue_refs: list[IssueRef]
) -> Checklist | None:
    checker.known_fields(block, CHECKLIST_FIELDS, "the checklist")
    source, document = cited_document(checker, block, "source", documents)
    year = read_year(checker, block, document)
    raw_groups = block.get("groups")
    if not isinstance(raw_groups, YList) or not raw_groups:
        checker.add(block.line_of("groups"), "the checklist needs a 'groups:' list")
        return None
    groups: list[ChecklistGroup] = []
    group_lines: dict[str, int] = {}
    item_lines: dict[str, int] = {}
    for index, raw in enumerate(raw_groups):
        group = checker.mapping(raw, raw_groups.line_of(index), f"group {index + 1} of 'groups'")
        if group is None:
            continue
        checker.known_fields(group, GROUP_FIELDS, "a checklist group")
        group_id, title = record_id(checker, group), checker.text(group, "title")
        _once(checker, group_lines, group_id, group.line, "checklist group id")
        raw_items = group.get("items")
        if not isinstance(raw_items, YList) or not raw_items:
            checker.add(group.line_of("items"), "a checklist group needs an 'items:' list")
            continue
        items = []
        for number, raw_item in enumerate(raw_items):
            item = checker.mapping(raw_item, raw_items.line_of(number), f"item {number + 1} of the group")
            if item is None:
                continue
            checker.known_fields(item, ITEM_FIELDS, "a checklist item")
            item_id, text = record_id(checker, item), checker.text(item, "text")
            issues = read_issue_list(checker, item, issue_refs)
            _once(checker, item_lines, item_id, item.line, "checklist item id")
            if item_id and text and issues:
                items.append(ChecklistItem(item_id, text, tuple(issues)))
        if group_id and title:
            groups.append(ChecklistGroup(group_id, title, tuple(items)))
    if not (source and year):
        return None
    return Checklist(source, year, tuple(groups))


def read_issue_list(checker: Checker, block: YMap, issue_refs: list[IssueRef]) -> list[str]:
    """`issues: [...]`, at least one issue id, none twice."""
    entries = checker.text_list(block, "issues")
    if not entries and isinstance(block.get("issues"), YList):
        checker.add(block.line_of("issues"), "'issues' is empty: name at least one issue id")
    issues: list[str] = []
    for line, issue_id in entries:
        if issue_id in issues:
            checker.add(line, f"issue '{issue_id}' is listed twice")
            continue
        issue_refs.append((checker, line, issue_id))
        issues.append(issue_id)
    return issues


def _once(checker: Checker, seen: dict[str, int], key: str | None, line: int, what: str) -> None:
    if key is None:
        return
    if key in seen:
        checker.add(line, f"{what} '{key}' is used twice (first on line {seen[key]})")
    else:
        seen[key] = line

"""Validation of the fields that make an issue answer the person asking (staff answer, dated note, migrant
alternative) and of a contact's `historical` note: each broken edit is reported as `path:line: what is wrong`."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.kb.load import find_problems
from tests.kb.test_validate import edit, line_of, only_problem

MOVE_ON = Path("issues/housing/refugee-move-on.yaml")
DATA = Path("issues/access-to-information/data-collection.yaml")
ANNEX2 = Path("contacts/annex2.yaml")
SOURCE_LINE = 'staff_answer_source: "added by the project team from general knowledge (2026) — needs verification"\n'


def at(path: Path, needle: str, message: str, problem: str) -> None:
    assert problem.startswith(f"{path}:{line_of(path, needle)}: "), problem
    assert message in problem, problem


def test_staff_answer_without_source(kb_copy: Path) -> None:
    path = edit(kb_copy, MOVE_ON, SOURCE_LINE, "")
    at(path, "staff_answer: |-", "'staff_answer' needs a 'staff_answer_source'", only_problem(kb_copy))


def test_source_without_staff_answer(kb_copy: Path) -> None:
    path = kb_copy / MOVE_ON
    text = path.read_text(encoding="utf-8")
    start = text.index("staff_answer: |-")
    end = text.index("staff_answer_source:")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    at(path, "staff_answer_source:", "'staff_answer_source' without a 'staff_answer'", only_problem(kb_copy))


def test_empty_source_is_reported(kb_copy: Path) -> None:
    path = edit(kb_copy, MOVE_ON, SOURCE_LINE, 'staff_answer_source: ""\n')
    at(path, "staff_answer_source:", "'staff_answer_source' is empty", only_problem(kb_copy))


def test_staff_answer_longer_than_450_characters(kb_copy: Path) -> None:
    path = edit(
        kb_copy,
        MOVE_ON,
        "  - Help claim Universal Credit",
        "  - " + "Very long. " * 20 + "\n  - Help claim Universal Credit",
    )
    problem = only_problem(kb_copy)
    at(path, "staff_answer: |-", "keep it to 450", problem)


def test_staff_answer_line_without_bullet(kb_copy: Path) -> None:
    path = edit(kb_copy, MOVE_ON, "  - Help claim Universal Credit", "  Help claim Universal Credit")
    at(path, "staff_answer: |-", "line 3 of 'staff_answer' does not start with '- '", only_problem(kb_copy))


def test_staff_answer_with_too_many_lines(kb_copy: Path) -> None:
    path = edit(
        kb_copy,
        MOVE_ON,
        "  - Help claim Universal Credit",
        "  - one\n  - two\n  - three\n  - four\n  - Help claim Universal Credit",
    )
    at(path, "staff_answer: |-", "'staff_answer' has 8 lines", only_problem(kb_copy))


def test_misspelt_field_lists_the_new_fields(kb_copy: Path) -> None:
    path = edit(kb_copy, MOVE_ON, "dated_note:", "dated_notes:")
    problem = only_problem(kb_copy)
    at(path, "dated_notes:", "unknown field 'dated_notes' in an issue", problem)
    assert "staff_answer, staff_answer_source, dated_note, migrant_alternative" in problem


def test_dated_note_on_two_lines(kb_copy: Path) -> None:
    path = edit(kb_copy, MOVE_ON, 'dated_note: "This was', 'dated_note: |-\n  First line.\n  "This was')
    at(path, "dated_note:", "'dated_note' must be one line", only_problem(kb_copy))


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("nowhere-issue", "migrant_alternative 'nowhere-issue' is not an issue id"),
        ("housing-strategic-planning", "migrant_alternative 'housing-strategic-planning' has no 'guidance'"),
    ],
)
def test_migrant_alternative_must_name_an_issue_with_guidance(kb_copy: Path, target: str, message: str) -> None:
    path = edit(kb_copy, DATA, "migrant_alternative: information-advice-guidance", f"migrant_alternative: {target}")
    at(path, "migrant_alternative:", message, only_problem(kb_copy))


def test_staff_only_issue_needs_a_migrant_alternative(kb_copy: Path) -> None:
    path = edit(kb_copy, DATA, "migrant_alternative: information-advice-guidance\n", "")
    at(path, "id: data-collection", "name the nearest issue that has, as 'migrant_alternative:", only_problem(kb_copy))


def test_issue_with_guidance_takes_no_migrant_alternative(kb_copy: Path) -> None:
    path = edit(kb_copy, MOVE_ON, "services: [migrant-help", "migrant_alternative: esol\nservices: [migrant-help")
    at(path, "migrant_alternative:", "only for an issue without 'guidance'", only_problem(kb_copy))


def test_alternative_naming_a_broken_issue_file_is_reported_once(kb_copy: Path) -> None:
    """A mistake in the issue it points to is that file's problem, not a second one here."""
    edit(
        kb_copy,
        "issues/access-to-information/information-advice-guidance.yaml",
        "theme: access-to-information",
        "theme: nowhere",
    )
    problems = [str(p) for p in find_problems(kb_copy)]
    assert len(problems) == 1 and "information-advice-guidance.yaml" in problems[0], problems


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("    historical:\n", "'historical' is empty"),
        ('    historical: ""\n', "'historical' is empty"),
        ("    historical: [closed]\n", "'historical' must be text"),
        ("    historical: |-\n      Closed in 2010.\n      Today X.\n", "'historical' must be one line"),
    ],
)
def test_historical_must_be_one_line_of_text(kb_copy: Path, new: str, message: str) -> None:
    path = kb_copy / ANNEX2
    text = path.read_text(encoding="utf-8")
    start = text.index("    historical:", text.index("id: annex2-item-07"))
    end = text.index("\n", start) + 1
    path.write_text(text[:start] + new + text[end:], encoding="utf-8")
    problem = only_problem(kb_copy)
    assert problem.startswith(f"{path}:{text[:start].count(chr(10)) + 1}: "), problem
    assert message in problem

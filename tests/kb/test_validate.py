"""Each validation rule, on a broken copy of the knowledge: the admin gets `path:line: what is wrong`."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.kb.load import find_problems

PROJECT = Path(__file__).resolve().parents[2]
MOVE_ON = Path("issues/housing/refugee-move-on.yaml")


def edit(folder: Path, relative: Path | str, old: str, new: str) -> Path:
    path = folder / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def only_problem(folder: Path) -> str:
    problems = find_problems(folder)
    assert len(problems) == 1, [str(p) for p in problems]
    return str(problems[0])


def test_shipped_knowledge_is_valid() -> None:
    assert find_problems(PROJECT / "knowledge") == []


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        (
            "theme: housing",
            "theme: housin",
            "theme: housin",
            "theme 'housin' is not a theme id in themes.yaml",
        ),
        (
            "contacts: [annex2-item-07]",
            "contacts: [annex2-item-70]",
            "contacts:",
            "contact 'annex2-item-70' is not",
        ),
        ("indicators: [14,", "indicators: [199,", "indicators:", "National Indicator 199 does not exist"),
        ("audience: [R]", "audience: [RR]", "audience:", "audience 'RR' is not one of MW, AS, UASC, R, LS"),
        ("audience: [R]", "audience: R", "audience:", "'audience' must be a list"),
        ("id: refugee-move-on", "id: refugee-moveon", "id:", "does not match the file name"),
        ("id: refugee-move-on", "id: Refugee Move On", "id:", "must be lower-case letters"),
        (
            "audience: [R]",
            "audience: [R]\nfavourite: yes",
            "favourite",
            "unknown field 'favourite' in an issue",
        ),
        (
            "services: [",
            "services: [nowhere-service, ",
            "services:",
            "service 'nowhere-service' is not a contact id",
        ),
    ],
)
def test_issue_rules(kb_copy: Path, old: str, new: str, needle: str, message: str) -> None:
    path = edit(kb_copy, MOVE_ON, old, new)
    problem = only_problem(kb_copy)
    assert problem.startswith(f"{path}:{line_of(path, needle)}: ") or problem.endswith(message) is False
    assert message in problem
    assert f":{line_of(path, needle)}: " in problem


def test_missing_and_empty_fields(kb_copy: Path) -> None:
    path = kb_copy / MOVE_ON
    text = path.read_text(encoding="utf-8")
    text = text.replace("title: Transition", "titel: Transition")
    text = re.sub(r"^source: .*$", "source: ''", text, flags=re.MULTILINE)
    path.write_text(text, encoding="utf-8")
    problems = [str(p) for p in find_problems(kb_copy)]
    assert any("'title' is missing or empty" in p for p in problems)
    assert any("'source' is empty" in p for p in problems)
    assert any("unknown field 'titel'" in p for p in problems)


def test_yaml_syntax_error_names_the_line(kb_copy: Path) -> None:
    path = edit(kb_copy, MOVE_ON, "audience: [R]", "audience: [R")
    problem = only_problem(kb_copy)
    assert problem.startswith(f"{path}:")
    assert "not valid YAML" in problem


def test_tab_indentation(kb_copy: Path) -> None:
    path = edit(kb_copy, MOVE_ON, "audience: [R]", "audience:\n\t- R")
    assert only_problem(kb_copy) == f"{path}:{line_of(path, chr(9))}: a tab character: indent with spaces, not tabs"


def test_duplicated_issue_file(kb_copy: Path) -> None:
    source = kb_copy / MOVE_ON
    (kb_copy / "issues/housing/refugee-move-on-copy.yaml").write_text(source.read_text(encoding="utf-8"))
    problems = [str(p) for p in find_problems(kb_copy)]
    assert any("refugee-move-on-copy.yaml" in p and "used twice" in p for p in problems)


def test_duplicated_contact_id(kb_copy: Path) -> None:
    path = edit(kb_copy, "contacts/annex2.yaml", "id: annex2-item-02", "id: annex2-item-01")
    problem = only_problem(kb_copy)
    assert problem.startswith(f"{path}:{line_of(path, 'id: annex2-item-01') + 0}") or "used twice" in problem
    assert "contact id 'annex2-item-01' is used twice" in problem


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("phones: [01603-617076]", "phones: [01603-61707x]", "does not look like a phone number"),
        ("phones: [01603-617076]", "phones: [1603617076]", "write the phone number 1603617076 in quotes"),
        (
            "emails: [Hannah.shah@eera.gov.uk]",
            "emails: [Hannah.shah.eera.gov.uk]",
            "does not look like an email",
        ),
        ("urls: [http://www.naric.org.uk]", "urls: [www.naric.org.uk]", "does not look like a web address"),
        ("    verified: null", "    verified: 2008-13-45", "is not a date"),
        ("    verified: null", "    verified: 2999-01-01", "is in the future"),
    ],
)
def test_contact_formats(kb_copy: Path, old: str, new: str, message: str) -> None:
    path = edit(kb_copy, "contacts/annex2.yaml", old, new)
    problem = only_problem(kb_copy)
    assert problem.startswith(f"{path}:{line_of(path, new.strip().split(': ')[1][:12])}: ")
    assert message in problem


def test_duplicated_indicator(kb_copy: Path) -> None:
    path = edit(kb_copy, "indicators.yaml", "number: 2\n", "number: 1\n")
    problems = [str(p) for p in find_problems(kb_copy)]
    first, second = [n for n, line in enumerate(path.read_text().splitlines(), 1) if line.endswith("number: 1")]
    assert f"{path}:{second}: National Indicator 1 is listed twice (first on line {first})" in problems
    # and every issue that lists NI 2 is told it no longer exists
    assert any(
        "housing-strategic-planning.yaml" in p and "Indicator 2 is not in indicators.yaml" in p for p in problems
    )


def test_phrasings_for_an_unknown_issue(kb_copy: Path) -> None:
    path = kb_copy / "phrasings/en.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\nno-such-issue:\n  - something\n", encoding="utf-8")
    assert "'no-such-issue' is not a known issue id" in only_problem(kb_copy)


def test_phrasings_in_an_unknown_language(kb_copy: Path) -> None:
    (kb_copy / "phrasings/xx.yaml").write_text("esol:\n  - learn\n", encoding="utf-8")
    assert "'xx' is not one of our languages" in only_problem(kb_copy)


def test_validate_command_reports_and_exits_1_without_traceback(kb_copy: Path) -> None:
    edit(kb_copy, MOVE_ON, "theme: housing", "theme: housin")
    edit(kb_copy, "contacts/annex2.yaml", "emails: [Hannah.shah@eera.gov.uk]", "emails: [nobody]")
    result = subprocess.run(
        [sys.executable, "run_bot.py", "validate", "--knowledge", str(kb_copy)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert "Traceback" not in result.stderr
    assert any("refugee-move-on.yaml:" in line and "theme 'housin'" in line for line in lines)
    assert any("annex2.yaml:" in line and "'nobody' does not look like an email" in line for line in lines)
    assert lines[-1].startswith("2 problem(s)")


def test_validate_command_passes_on_shipped_knowledge() -> None:
    result = subprocess.run(
        [sys.executable, "run_bot.py", "validate"], cwd=PROJECT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 8 themes, 23 issues, 56 actions, 198 indicators")

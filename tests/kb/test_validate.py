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


# --- practices, the checklist, areas and their sources ------------------------------------------------------------

PRACTICES_001 = "practices/001-managing-impacts.yaml"
DERBY = "areas/derby.yaml"


@pytest.mark.parametrize(
    ("relative", "old", "new", "needle", "message"),
    [
        (
            PRACTICES_001,
            "issues: [eligibility-to-work, exploitation]",
            "issues: [eligibility-to-work, exploitaton]",
            "exploitaton",
            "issue 'exploitaton' is not an issue id",
        ),
        (
            PRACTICES_001,
            'source: "001_68d1df532e05cb0b.txt, Chapter One: Illegal working"\n    year: 2009\n\n  - id: recruitment',
            'source: "Managing the impacts of migration, Chapter One"\n    year: 2009\n\n  - id: recruitment',
            "Managing the impacts of migration, Chapter One",
            "must start with a seed file from sources.yaml",
        ),
        (
            PRACTICES_001,
            'source: "001_68d1df532e05cb0b.txt, Chapter One: Illegal working"\n    year: 2009\n\n  - id: recruitment',
            'source: "001_68d1df532e05cb0b.txt"\n    year: 2009\n\n  - id: recruitment',
            'source: "001_68d1df532e05cb0b.txt"',
            "must also name the section",
        ),
        (
            PRACTICES_001,
            'Illegal working"\n    year: 2009\n\n  - id: recruitment',
            'Illegal working"\n    year: 2019\n\n  - id: recruitment',
            "year: 2019",
            "year 2019 is later than its source document (001_68d1df532e05cb0b.txt, 2009)",
        ),
        (PRACTICES_001, "    year: 2009\n", "    year: 1066\n", "year: 1066", "year 1066 is not plausible"),
        (
            PRACTICES_001,
            "    quoted: true\n",
            "    quoted: yes please\n",
            "quoted: yes please",
            "'quoted' must be true or false",
        ),
        (
            PRACTICES_001,
            "  - id: recruitment-day-document-checks",
            "  - id: wandsworth-ukba-illegal-working",
            "  - id: wandsworth-ukba-illegal-working\n    title: Immigration",
            "practice id 'wandsworth-ukba-illegal-working' is used twice",
        ),
        (
            PRACTICES_001,
            "    body: A London borough with the UK Border Agency\n",
            "    body: A London borough with the UK Border Agency\n    rating: 5\n",
            "rating: 5",
            "unknown field 'rating' in a practice",
        ),
        (
            "checklist.yaml",
            "  - id: local-leadership",
            "  - id: data-and-evidence",
            "  - id: data-and-evidence\n    title: providing",
            "checklist group id 'data-and-evidence' is used twice",
        ),
        (
            "checklist.yaml",
            "issues: [esol]",
            "issues: [english]",
            "issues: [english]",
            "issue 'english' is not an issue id",
        ),
        (
            DERBY,
            "within: east-midlands",
            "within: midlands",
            "within: midlands",
            "'within: midlands' is not an area id",
        ),
        (
            DERBY,
            "    kind: fact\n",
            "    kind: rumour\n",
            "kind: rumour",
            "'kind' must be one of fact, service, action",
        ),
        (
            DERBY,
            "    sensitive: true\n",
            "    sensitive: true\n    for_migrants: true\n",
            "for_migrants: true",
            "a sensitive item is never shown to migrants",
        ),
        (
            DERBY,
            "  - id: national-insurance-numbers",
            "  - id: born-outside-uk",
            "  - id: born-outside-uk\n    kind: fact\n    text: >-\n      Over",
            "item id 'born-outside-uk' is used twice",
        ),
        (
            "sources.yaml",
            "  - file: 004_117d502e6d9bbad1.txt",
            "  - file: annual-report.txt",
            "annual-report.txt",
            "'annual-report.txt' is not a seed file name",
        ),
        (
            "issues/community-development/roma-inclusion.yaml",
            '    source: "003_69bba1ee670173da.txt, Draft Action Plan: Communications and Language"',
            '    source: "Derby strategy"',
            'source: "Derby strategy"',
            "source 'Derby strategy' must start with a seed file",
        ),
    ],
)
def test_seed_knowledge_rules(kb_copy: Path, relative: str, old: str, new: str, needle: str, message: str) -> None:
    path = edit(kb_copy, relative, old, new)
    problems = [str(p) for p in find_problems(kb_copy)]
    line = line_of_block(path, needle)
    assert any(p.startswith(f"{path}:{line}: ") and message in p for p in problems), (line, problems)


def line_of_block(path: Path, needle: str) -> int:
    """The line where `needle` (which may span lines) starts."""
    text = path.read_text(encoding="utf-8")
    assert needle in text, needle
    return text[: text.index(needle)].count("\n") + 1


def test_a_source_file_missing_is_reported_where_it_is_cited(kb_copy: Path) -> None:
    (kb_copy / "sources.yaml").unlink()
    problems = [str(p) for p in find_problems(kb_copy)]
    assert problems and all("none: sources.yaml is missing or empty" in p for p in problems)
    assert any(p.startswith(str(kb_copy / PRACTICES_001) + ":") for p in problems)


def test_the_new_files_are_optional(kb_copy: Path) -> None:
    """An older knowledge folder without practices, checklist or areas still loads."""
    import shutil

    for name in ("practices", "areas"):
        shutil.rmtree(kb_copy / name)
    (kb_copy / "checklist.yaml").unlink()
    assert find_problems(kb_copy) == []

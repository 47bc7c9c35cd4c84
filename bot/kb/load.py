"""Load the knowledge folder: read every YAML file, check it, and build the model.

`load_knowledge(folder)` returns a KnowledgeBase or raises KnowledgeError carrying every problem found
(`path:line: what is wrong`), so an admin sees all mistakes at once and never a traceback.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TypeVar

from bot.kb.answers import AlternativeRef, check_alternatives
from bot.kb.areas import read_area
from bot.kb.checker import Checker
from bot.kb.model import (
    CRISIS_KINDS,
    JOKING,
    NOW,
    PAST,
    SIGNS,
    Area,
    Checklist,
    Contact,
    Indicator,
    Issue,
    KnowledgeBase,
    Practice,
    SourceDocument,
    Theme,
)
from bot.kb.practices import IssueRef, read_checklist, read_practice
from bot.kb.problems import Problem, display_path
from bot.kb.records import INDICATOR_RANGE, Reference, read_contact, read_issue, record_id
from bot.kb.sources import read_source_document
from bot.kb.yamlfile import YamlError, YList, YMap, read_yaml
from bot.languages import LANGUAGES
from bot.text.normalise import tokens


class _Record(Protocol):
    @property
    def id(self) -> str: ...


RecordT = TypeVar("RecordT", bound=_Record)

SMALLTALK_KINDS = ("greeting", "thanks", "help", "menu", "topics", "contacts", "language", "ack")
# greeting/thanks: a message made of these words gets a greeting back; the others are whole messages that ask
# for a part of the bot (help, the menu, the topics, the contacts, the language picker) or answer nothing ("no")
MAX_MARKER_WORDS = 4  # follow-ups/<lang>.yaml: a marker is the first few words of a message
NOT_AN_ISSUE = "none"  # examples/<lang>.yaml: off-topic messages
NOT_A_CRISIS = "not_crisis"  # crisis-examples/<lang>.yaml: messages that look like a crisis but are not


class KnowledgeError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the knowledge files")
        self.problems = sorted(problems)


def load_knowledge(folder: Path) -> KnowledgeBase:
    loader = _Loader(Path(folder))
    kb = loader.run()
    if loader.problems or kb is None:
        raise KnowledgeError(loader.problems)
    return kb


def find_problems(folder: Path) -> list[Problem]:
    try:
        load_knowledge(folder)
    except KnowledgeError as exc:
        return exc.problems
    return []


class _Loader:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.problems: list[Problem] = []
        self.issue_refs: list[Reference] = []  # contact and service ids named by issues
        self.issue_id_refs: list[IssueRef] = []  # issue ids named by practices, the checklist and areas
        self.alternatives: list[AlternativeRef] = []  # migrant_alternative of staff-only issues

    # -- files ---------------------------------------------------------------------------------------

    def read(self, path: Path, *, all_text: bool = False) -> tuple[Checker, Any]:
        checker = Checker(display_path(path), self.problems)
        try:
            return checker, read_yaml(path, all_text=all_text)
        except YamlError as exc:
            checker.add(exc.line, exc.message)
            return checker, None
        except OSError as exc:
            checker.add(1, f"cannot read the file: {exc.strerror}")
            return checker, None

    def top_list(self, path: Path, key: str) -> tuple[Checker, list[tuple[int, YMap]]]:
        checker, entries, _ = self.top_list_with_source(path, key)
        return checker, entries

    def top_list_with_source(self, path: Path, key: str) -> tuple[Checker, list[tuple[int, YMap]], str | None]:
        """A file holding `key:` (a list of records) and, optionally, `source:` for all of them."""
        checker, data = self.read(path)
        if data is None:
            if not checker.problems or checker.problems[-1].path != checker.path:
                checker.add(1, f"the file is empty: it needs a '{key}:' list")
            return checker, [], None
        block = checker.mapping(data, 1, "the file")
        if block is None:
            return checker, [], None
        checker.known_fields(block, [key, "source"], "this file")
        source = checker.text(block, "source", required=False)
        items = block.get(key)
        if not isinstance(items, YList):
            checker.add(block.line_of(key), f"the file needs a '{key}:' list")
            return checker, [], source
        result = []
        for index, item in enumerate(items):
            entry = checker.mapping(item, items.line_of(index), f"entry {index + 1} of '{key}'")
            if entry is not None:
                result.append((items.line_of(index), entry))
        return checker, result, source

    def required_file(self, name: str) -> Path | None:
        path = self.folder / name
        if not path.is_file():
            self.problems.append(Problem(display_path(path), 1, "this file is missing"))
            return None
        return path

    # -- the whole folder ----------------------------------------------------------------------------

    def run(self) -> KnowledgeBase | None:
        if not self.folder.is_dir():
            self.problems.append(Problem(display_path(self.folder), 1, "the knowledge folder does not exist"))
            return None
        themes = self.load_themes()
        indicators = self.load_indicators()
        contacts = self.load_contacts()
        documents = self.load_sources()
        issues = self.load_issues({t.id for t in themes}, {i.number for i in indicators}, documents)
        crisis_lines = self.load_crisis_lines()
        practices = self.load_practices(documents)
        checklist = self.load_checklist(documents)
        areas = self.load_areas(documents)
        contact_ids = {c.id for c in contacts}
        for checker, line, kind, target in self.issue_refs:
            if target not in contact_ids:
                checker.add(line, f"{kind} '{target}' is not a contact id in contacts/*.yaml")
        # ids of issue files that failed to load still count, so one mistake is reported once, not everywhere
        issue_ids = [i.id for i in issues] + [p.stem for p in (self.folder / "issues").glob("*/*.yaml")]
        for checker, line, target in self.issue_id_refs:
            if target not in issue_ids:
                checker.add(line, f"issue '{target}' is not an issue id (the issue files are in issues/<theme>/)")
        check_alternatives(self.alternatives, {i.id: bool(i.guidance) for i in issues}, set(issue_ids))
        crisis = self.load_per_language(
            "crisis", {*CRISIS_KINDS, *SIGNS}, "kind of crisis (or 'joking', 'past', 'now')"
        )
        kb = KnowledgeBase(
            themes=tuple(themes),
            issues=tuple(issues),
            contacts=tuple(contacts),
            indicators=tuple(indicators),
            phrasings=self.load_per_language("phrasings", set(issue_ids), "issue id"),
            crisis={lang: {k: v for k, v in kinds.items() if k not in SIGNS} for lang, kinds in crisis.items()},
            joking={lang: kinds[JOKING] for lang, kinds in crisis.items() if JOKING in kinds},
            past={lang: kinds[PAST] for lang, kinds in crisis.items() if PAST in kinds},
            now={lang: kinds[NOW] for lang, kinds in crisis.items() if NOW in kinds},
            smalltalk=self.load_per_language("smalltalk", set(SMALLTALK_KINDS), "kind of small talk"),
            crisis_lines=crisis_lines,
            stopwords={
                lang: frozenset(words["words"])
                for lang, words in self.load_per_language("stopwords", {"words"}, "field").items()
            },
            follow_ups=self.load_follow_ups(),
            examples=self.load_per_language("examples", {*issue_ids, NOT_AN_ISSUE}, "issue id (or 'none')"),
            crisis_examples=self.load_per_language(
                "crisis-examples", {*CRISIS_KINDS, NOT_A_CRISIS}, "kind of crisis (or 'not_crisis')"
            ),
            sources=tuple(documents.values()),
            practices=tuple(practices),
            checklist=checklist,
            areas=tuple(areas),
        )
        return kb

    def load_themes(self) -> list[Theme]:
        path = self.required_file("themes.yaml")
        if path is None:
            return []
        checker, entries, source = self.top_list_with_source(path, "themes")
        themes = []
        for _, entry in entries:
            checker.known_fields(entry, ["id", "title"], "a theme")
            theme_id, title = record_id(checker, entry), checker.text(entry, "title")
            if theme_id and title:
                themes.append(Theme(theme_id, title, source))
        self.no_duplicates(checker, entries, "theme id")
        return themes

    def load_crisis_lines(self) -> dict[str, tuple[str, ...]]:
        path = self.required_file("crisis-lines.yaml")
        if path is None:
            return {}
        checker, data = self.read(path)
        block = checker.mapping(data, 1, "the file") if data is not None else None
        if block is None:
            return {}
        lines: dict[str, tuple[str, ...]] = {}
        for kind in CRISIS_KINDS:
            if kind not in block:
                checker.add(block.line, f"'{kind}' is missing: every kind of crisis needs the lines to call")
        for kind in block:
            if kind not in CRISIS_KINDS:
                checker.add(block.line_of(kind), f"'{kind}' is not a kind of crisis ({', '.join(CRISIS_KINDS)})")
                continue
            entries = checker.text_list(block, kind)
            for line, target in entries:
                self.issue_refs.append((checker, line, "contact", target))
            lines[kind] = tuple(target for _, target in entries)
        return lines

    def load_indicators(self) -> list[Indicator]:
        path = self.required_file("indicators.yaml")
        if path is None:
            return []
        checker, entries, source = self.top_list_with_source(path, "indicators")
        result: list[Indicator] = []
        seen: dict[int, int] = {}
        for line, entry in entries:
            checker.known_fields(entry, ["number", "title"], "an indicator")
            number, title = entry.get("number"), checker.text(entry, "title")
            if isinstance(number, bool) or not isinstance(number, int) or number not in INDICATOR_RANGE:
                checker.add(entry.line_of("number"), f"'number' must be a whole number from 1 to 198, not '{number}'")
                continue
            if number in seen:
                checker.add(line, f"National Indicator {number} is listed twice (first on line {seen[number]})")
                continue
            seen[number] = line
            if title:
                result.append(Indicator(number, title, source))
        return sorted(result, key=lambda i: i.number)

    def load_contacts(self) -> list[Contact]:
        return self.records(self.folder / "contacts", "contacts", "contact", read_contact)

    def load_sources(self) -> dict[str, SourceDocument]:
        """sources.yaml: the seed documents that practices, the checklist and areas cite (optional file)."""
        path = self.folder / "sources.yaml"
        if not path.is_file():
            return {}
        checker, entries, _ = self.top_list_with_source(path, "sources")
        documents: dict[str, SourceDocument] = {}
        for line, entry in entries:
            document = read_source_document(checker, entry)
            if document is None:
                continue
            if document.file in documents:
                checker.add(line, f"the seed file '{document.file}' is listed twice")
                continue
            documents[document.file] = document
        return documents

    def load_practices(self, documents: dict[str, SourceDocument]) -> list[Practice]:
        """practices/*.yaml: good practice for staff (optional folder)."""
        return self.records(
            self.folder / "practices",
            "practices",
            "practice",
            lambda checker, entry: read_practice(checker, entry, documents, self.issue_id_refs),
        )

    def records(
        self, folder: Path, key: str, what: str, read: Callable[[Checker, YMap], RecordT | None]
    ) -> list[RecordT]:
        """Every `<key>:` entry of the folder's YAML files, read by `read`; an id used twice is reported once."""
        found: list[RecordT] = []
        first_seen: dict[str, str] = {}
        for path in sorted(folder.glob("*.yaml")):
            checker, entries = self.top_list(path, key)
            for line, entry in entries:
                record = read(checker, entry)
                if record is None:
                    continue
                if record.id in first_seen:
                    checker.add(line, f"{what} id '{record.id}' is used twice (also at {first_seen[record.id]})")
                    continue
                first_seen[record.id] = f"{checker.path}:{line}"
                found.append(record)
        return found

    def load_checklist(self, documents: dict[str, SourceDocument]) -> Checklist | None:
        """checklist.yaml: the council checklist (optional file)."""
        path = self.folder / "checklist.yaml"
        if not path.is_file():
            return None
        checker, data = self.read(path)
        block = checker.mapping(data, 1, "the checklist file") if data is not None else None
        return read_checklist(checker, block, documents, self.issue_id_refs) if block is not None else None

    def load_areas(self, documents: dict[str, SourceDocument]) -> list[Area]:
        """areas/<area-id>.yaml: what each local area's documents say (optional folder)."""
        areas: list[Area] = []
        within: list[tuple[Checker, int, str]] = []
        for path in sorted((self.folder / "areas").glob("*.yaml")):
            checker, data = self.read(path)
            block = checker.mapping(data, 1, "an area file") if data is not None else None
            area = read_area(checker, block, path, documents, self.issue_id_refs) if block is not None else None
            if area is None:
                continue
            if area.within:
                within.append((checker, block.line_of("within") if block is not None else 1, area.within))
            areas.append(area)
        area_ids = {a.id for a in areas} | {p.stem for p in (self.folder / "areas").glob("*.yaml")}
        for checker, line, target in within:
            if target not in area_ids:
                checker.add(line, f"'within: {target}' is not an area id (the area files are in areas/)")
        return areas

    def load_issues(
        self, theme_ids: set[str], indicator_numbers: set[int], documents: dict[str, SourceDocument] | None = None
    ) -> list[Issue]:
        folder = self.folder / "issues"
        if not folder.is_dir():
            self.problems.append(Problem(display_path(folder), 1, "the issues folder is missing"))
            return []
        issues: list[Issue] = []
        first_seen: dict[str, str] = {}
        for path in sorted(folder.glob("*/*.yaml")):
            checker, data = self.read(path)
            if data is None:
                if not any(p.path == checker.path for p in self.problems):
                    checker.add(1, "the file is empty")
                continue
            entry = checker.mapping(data, 1, "an issue file")
            if entry is None:
                continue
            issue = read_issue(
                checker, entry, path, theme_ids, indicator_numbers, self.issue_refs, documents, self.alternatives
            )
            if issue is None:
                continue
            if issue.id in first_seen:
                checker.add(
                    entry.line_of("id"),
                    f"issue id '{issue.id}' is used twice (also in {first_seen[issue.id]})",
                )
                continue
            first_seen[issue.id] = checker.path
            issues.append(issue)
        order = {theme: n for n, theme in enumerate(sorted(theme_ids))}
        return sorted(issues, key=lambda i: (order.get(i.theme, 99), i.id))

    def load_follow_ups(self) -> dict[str, tuple[str, ...]]:
        """follow-ups/<lang>.yaml: `markers:`, the first words of a follow-up (an optional folder)."""

        def check(marker: str) -> str | None:
            if 1 <= len(tokens(marker)) <= MAX_MARKER_WORDS:
                return None
            return (
                f"'{marker}' cannot be a follow-up marker: it is the first 1 to {MAX_MARKER_WORDS} words of a "
                "message ('and', 'what about')"
            )

        found = self.load_per_language("follow-ups", {"markers"}, "field", check)
        return {lang: entries.get("markers", ()) for lang, entries in found.items()}

    def load_per_language(
        self, folder_name: str, keys: set[str], what: str, check: Callable[[str], str | None] | None = None
    ) -> dict[str, dict[str, tuple[str, ...]]]:
        """phrasings/, crisis/, smalltalk/, stopwords/...: one `<lang>.yaml` per language, key -> list of texts.
        `check`: what is wrong with a text (None when it is fine)."""
        result: dict[str, dict[str, tuple[str, ...]]] = {}
        for path in sorted((self.folder / folder_name).glob("*.yaml")):
            checker, data = self.read(path, all_text=True)
            lang = path.stem
            if lang not in LANGUAGES:
                checker.add(
                    1,
                    f"'{lang}' is not one of our languages ({', '.join(LANGUAGES)}); name the file <code>.yaml",
                )
                continue
            if data is None:
                continue
            block = checker.mapping(data, 1, "the file")
            if block is None:
                continue
            entries: dict[str, tuple[str, ...]] = {}
            for key, value in block.items():
                if key not in keys:
                    known = ", ".join(sorted(keys)) if len(keys) < 10 else "see issues/"
                    checker.add(block.line_of(key), f"'{key}' is not a known {what} ({known})")
                    continue
                texts = checker.texts(value, block.line_of(key), f"'{key}'")
                counts = Counter(t.casefold() for _, t in texts)
                for line, text in texts:
                    if check is not None and (problem := check(text)) is not None:
                        checker.add(line, problem)
                    if counts[text.casefold()] > 1:
                        checker.add(line, f"'{text}' is written more than once under '{key}'")
                        counts[text.casefold()] = 0
                entries[key] = tuple(dict.fromkeys(t for _, t in texts))
            result[lang] = entries
        return result

    # -- shared ---------------------------------------------------------------------------------------

    def no_duplicates(self, checker: Checker, entries: list[tuple[int, YMap]], what: str) -> None:
        seen: dict[Any, int] = {}
        for line, entry in entries:
            key = entry.get("id")
            if key in seen:
                checker.add(line, f"{what} '{key}' is used twice (first on line {seen[key]})")
            elif key is not None:
                seen[key] = line

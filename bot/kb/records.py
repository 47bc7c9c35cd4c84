"""Reading one record of each kind from its YAML block, checking every field on the way."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from bot.kb.answers import ANSWER_FIELDS, AlternativeRef, read_answer_fields
from bot.kb.checker import Checker
from bot.kb.model import AUDIENCE_CODES, SERVICE_KINDS, Contact, Issue, Phone, SourceDocument
from bot.kb.rules import ID_RE, as_iso_date, date_problem, email_problem, phone_problem, type_name, url_problem
from bot.kb.sources import check_citation
from bot.kb.yamlfile import YList, YMap

INDICATOR_RANGE = range(1, 199)
ISSUE_FIELDS = (
    "id", "theme", "title", "summary", "audience", "indicators", "indicators_as_printed", "actions",
    "contacts", "source", "guidance", "guidance_source", "services", "staff_services", *ANSWER_FIELDS,
)  # fmt: skip
ACTION_FIELDS = ("text", "source")
CONTACT_FIELDS = (
    "id", "name", "annex2_item", "kind", "lead_agency", "lead_person", "phones", "emails", "urls", "notes",
    "address", "source", "verified", "languages", "historical",
)  # fmt: skip

# (checker, line, kind of reference, target contact id)
Reference = tuple[Checker, int, str, str]


def read_contact(checker: Checker, entry: YMap) -> Contact | None:
    checker.known_fields(entry, CONTACT_FIELDS, "a contact")
    contact_id = record_id(checker, entry)
    name, source = checker.text(entry, "name"), checker.text(entry, "source")
    annex2 = entry.get("annex2_item")
    if annex2 is not None and (isinstance(annex2, bool) or not isinstance(annex2, int) or not 1 <= annex2 <= 15):
        checker.add(
            entry.line_of("annex2_item"),
            f"'annex2_item' must be a number from 1 to 15 or null, not '{annex2}'",
        )
        annex2 = None
    kind = checker.text(entry, "kind", required=False)
    if kind is not None and kind not in SERVICE_KINDS:
        checker.add(entry.line_of("kind"), f"'kind' must be one of {', '.join(SERVICE_KINDS)}, not '{kind}'")
    if "verified" not in entry:
        checker.add(entry.line, "'verified' is missing: give the date the details were checked, or null")
    elif problem := date_problem(entry["verified"]):
        checker.add(entry.line_of("verified"), problem)
    phones = read_phones(checker, entry)
    emails = checked_list(checker, entry, "emails", email_problem)
    urls = checked_list(checker, entry, "urls", url_problem)
    languages = checked_list(checker, entry, "languages", _language_problem)
    if not (contact_id and name and source):
        return None
    return Contact(
        id=contact_id,
        name=name,
        source=source,
        verified=as_iso_date(entry.get("verified")) if not date_problem(entry.get("verified")) else None,
        annex2_item=annex2,
        kind=kind,
        lead_agency=checker.text(entry, "lead_agency", required=False),
        lead_person=checker.text(entry, "lead_person", required=False),
        phones=tuple(phones),
        emails=tuple(emails),
        urls=tuple(urls),
        notes=checker.text(entry, "notes", required=False),
        address=checker.text(entry, "address", required=False),
        languages=tuple(languages),
        historical=_historical(checker, entry),
    )


def _historical(checker: Checker, entry: YMap) -> str | None:
    """`historical:` one line on when the body closed and what replaced it; `historical:` left empty is a mistake."""
    if "historical" not in entry:
        return None
    if entry["historical"] is None:
        checker.add(entry.line_of("historical"), "'historical' is empty: say when the body closed and what replaced it")
        return None
    text = checker.text(entry, "historical")
    if text is not None and "\n" in text:
        checker.add(entry.line_of("historical"), "'historical' must be one line")
    return text


def read_phones(checker: Checker, entry: YMap) -> list[Phone]:
    value = entry.get("phones")
    if value is None:
        return []
    if not isinstance(value, YList):
        checker.add(entry.line_of("phones"), "'phones' must be a list")
        return []
    phones = []
    for index, item in enumerate(value):
        line, label = value.line_of(index), None
        if isinstance(item, YMap):
            checker.known_fields(item, ["number", "label"], "a phone")
            label = checker.text(item, "label", required=False)
            item = item.get("number")
        if problem := phone_problem(item):
            checker.add(line, problem)
        else:
            phones.append(Phone(str(item), label))
    return phones


def _language_problem(code: str) -> str | None:
    if re.fullmatch(r"[a-z]{2,3}", code):
        return None
    return f"'{code}' is not a language code: write ISO 639 codes in lower case, e.g. en, pl, ti"


def checked_list(checker: Checker, entry: YMap, key: str, rule: Any) -> list[str]:
    good = []
    for line, value in checker.text_list(entry, key, required=False):
        if problem := rule(value):
            checker.add(line, problem)
        else:
            good.append(value)
    return good


def read_issue(
    checker: Checker,
    entry: YMap,
    path: Path,
    theme_ids: set[str],
    indicator_numbers: set[int],
    references: list[Reference],
    documents: dict[str, SourceDocument] | None = None,
    alternatives: list[AlternativeRef] | None = None,
) -> Issue | None:
    """An issue file's fields; contact and service ids go to `references`, checked once all contacts are read.
    An action is the toolkit's text, or (for issues added from the other seeds) `{text, source}`."""
    checker.known_fields(entry, ISSUE_FIELDS, "an issue")
    issue_id = record_id(checker, entry)
    if issue_id and path.stem != issue_id:
        checker.add(entry.line_of("id"), f"the id '{issue_id}' does not match the file name '{path.name}'")
    theme = checker.text(entry, "theme")
    if theme and theme not in theme_ids:
        checker.add(entry.line_of("theme"), f"theme '{theme}' is not a theme id in themes.yaml")
    elif theme and path.parent.name != theme:
        checker.add(entry.line_of("theme"), f"theme '{theme}' but the file is in the folder '{path.parent.name}'")
    title, summary, source = (
        checker.text(entry, "title"),
        checker.text(entry, "summary"),
        checker.text(entry, "source"),
    )
    audience = []
    for line, code in checker.text_list(entry, "audience"):
        if code not in AUDIENCE_CODES:
            checker.add(line, f"audience '{code}' is not one of {', '.join(AUDIENCE_CODES)}")
        else:
            audience.append(code)
    indicators = []
    for line, number in checker.int_list(entry, "indicators"):
        if number not in INDICATOR_RANGE:
            checker.add(line, f"National Indicator {number} does not exist (they run from 1 to 198)")
        elif indicator_numbers and number not in indicator_numbers:
            checker.add(line, f"National Indicator {number} is not in indicators.yaml")
        elif number in indicators:
            checker.add(line, f"National Indicator {number} is listed twice")
        else:
            indicators.append(number)
    actions, action_sources = _actions(checker, entry, documents or {})
    if not actions and isinstance(entry.get("actions"), YList):
        checker.add(entry.line_of("actions"), "'actions' is empty: give at least one recommended action")
    refs = {}
    for key, kind in (("contacts", "contact"), ("services", "service"), ("staff_services", "service")):
        refs[key] = [text for _, text in checker.text_list(entry, key, required=key == "contacts")]
        for line, target in checker.text_list(entry, key, required=False) if key in entry else []:
            references.append((checker, line, kind, target))
    guidance = checker.text(entry, "guidance", required=False)
    migrant_audience = any(code in ("MW", "AS", "UASC", "R") for code in audience)
    if migrant_audience and guidance is None and "guidance" not in entry:
        checker.add(
            entry.line,
            "the audience includes migrants, so the issue needs a plain-English 'guidance' text",
        )
    answer = read_answer_fields(checker, entry, "guidance" in entry, alternatives if alternatives is not None else [])
    if not all((issue_id, theme, title, summary, source)):
        return None
    return Issue(
        id=issue_id,  # type: ignore[arg-type]
        theme=theme,  # type: ignore[arg-type]
        title=title,  # type: ignore[arg-type]
        summary=summary,  # type: ignore[arg-type]
        audience=tuple(audience),
        indicators=tuple(indicators),
        actions=tuple(actions),
        contacts=tuple(refs["contacts"]),
        source=source,  # type: ignore[arg-type]
        indicators_as_printed=checker.text(entry, "indicators_as_printed", required=False),
        guidance=guidance,
        services=tuple(refs["services"]),
        staff_services=tuple(refs["staff_services"]),
        action_sources=tuple(action_sources) if any(action_sources) else (),
        guidance_source=checker.text(entry, "guidance_source", required=False),
        staff_answer=answer.staff_answer,
        staff_answer_source=answer.staff_answer_source,
        dated_note=answer.dated_note,
        migrant_alternative=answer.migrant_alternative,
    )


def _actions(checker: Checker, entry: YMap, documents: dict[str, SourceDocument]) -> tuple[list[str], list[str | None]]:
    value = entry.get("actions")
    if value is None:
        checker.add(entry.line_of("actions"), "'actions' is missing: give a list")
        return [], []
    if not isinstance(value, YList):
        checker.add(
            entry.line_of("actions"), f"'actions' must be a list (lines starting with '- '), not {type_name(value)}"
        )
        return [], []
    texts: list[str] = []
    sources: list[str | None] = []
    for index, item in enumerate(value):
        line = value.line_of(index)
        if isinstance(item, YMap):
            checker.known_fields(item, ACTION_FIELDS, "an action")
            text, source = checker.text(item, "text"), checker.text(item, "source")
            if source is not None:
                check_citation(checker, item.line_of("source"), source, documents)
            if text:
                texts.append(text)
                sources.append(source)
        elif isinstance(item, str) and item.strip():
            texts.append(item.strip())
            sources.append(None)
        else:
            checker.add(line, f"an action must be text or a block with text and source, not {type_name(item)}")
    return texts, sources


def record_id(checker: Checker, entry: YMap) -> str | None:
    value = checker.text(entry, "id")
    if value is not None and not ID_RE.match(value):
        checker.add(entry.line_of("id"), f"id '{value}' must be lower-case letters, digits and single hyphens")
        return None
    return value

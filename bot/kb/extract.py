"""Which knowledge texts are translated, each with a stable context `<kind>.<record-id>.<field>[.<n>]`.

Used by the Babel extractor (`extract_knowledge`, registered for mapping files as `knowledge`), by the
`translations` command and by the bot when it looks up a translation. Phone numbers, emails and URLs are never
extracted.

Of the knowledge drawn from the other seed documents, what a migrant can see is translated: area names and the
local items shown on migrant cards. Good practice, the council checklist and staff-only local items are staff
tools and stay in English for now (the bot says when it shows English).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from bot.kb.model import KnowledgeBase


def knowledge_strings(kb: KnowledgeBase) -> Iterator[tuple[str, str]]:
    """(context, English text) for every translatable knowledge text, in a stable order."""
    for theme in kb.themes:
        yield f"theme.{theme.id}.title", theme.title
    for issue in kb.issues:
        yield f"issue.{issue.id}.title", issue.title
        yield f"issue.{issue.id}.summary", issue.summary
        for n, action in enumerate(issue.actions, start=1):
            yield f"issue.{issue.id}.actions.{n}", action
        if issue.guidance:
            yield f"issue.{issue.id}.guidance", issue.guidance
        if issue.staff_answer:
            yield f"issue.{issue.id}.staff_answer", issue.staff_answer
        if issue.dated_note:
            yield f"issue.{issue.id}.dated_note", issue.dated_note
    for indicator in kb.indicators:
        yield f"ni.{indicator.number}.title", indicator.title
    for contact in kb.contacts:
        yield f"contact.{contact.id}.name", contact.name
        if contact.notes:
            yield f"contact.{contact.id}.notes", contact.notes
        if contact.historical:
            yield f"contact.{contact.id}.historical", contact.historical
        for n, phone in enumerate(contact.phones, start=1):
            if phone.label:
                yield f"contact.{contact.id}.phone.{n}", phone.label
    for area in kb.areas:
        yield f"area.{area.id}.name", area.name
        for item in area.items:
            if item.for_migrants and not item.sensitive:
                yield f"area.{area.id}.{item.id}.text", item.text
                for n, phone in enumerate(item.phones, start=1):
                    if phone.label:
                        yield f"area.{area.id}.{item.id}.phone.{n}", phone.label


def extract_knowledge(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """Babel extraction method for the knowledge folder: point a mapping file at `knowledge/themes.yaml`
    (`[knowledge: knowledge/themes.yaml]`); it reads the whole folder around that file once."""
    from bot.kb.load import load_knowledge

    path = Path(getattr(fileobj, "name", "knowledge/themes.yaml"))
    kb = load_knowledge(path.parent)
    for context, text in knowledge_strings(kb):
        yield 1, "pgettext", (context, text), []

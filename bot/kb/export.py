"""The whole knowledge base as one JSON-ready dict, in the shape fixed by CONTRACT.md (plus extra fields)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.kb.model import Contact, KnowledgeBase

# (context, English) -> text in the wanted language; the identity for English
Translate = Callable[[str, str], str]


def _english(context: str, text: str) -> str:
    return text


def export_knowledge(kb: KnowledgeBase, tr: Translate = _english) -> dict[str, Any]:
    """Everything, with texts through `tr` (see `run_bot.py export --lang`). Numbers, emails, URLs unchanged."""
    return {
        "themes": [{"id": t.id, "title": tr(f"theme.{t.id}.title", t.title), "source": t.source} for t in kb.themes],
        "issues": [
            {
                "id": i.id,
                "theme": i.theme,
                "title": tr(f"issue.{i.id}.title", i.title),
                "summary": tr(f"issue.{i.id}.summary", i.summary),
                "audience": list(i.audience),
                "indicators": list(i.indicators),
                "indicators_as_printed": i.indicators_as_printed,
                "actions": [tr(f"issue.{i.id}.actions.{n}", a) for n, a in enumerate(i.actions, start=1)],
                "contacts": list(i.contacts),
                "guidance": tr(f"issue.{i.id}.guidance", i.guidance) if i.guidance else None,
                "services": list(i.services),
                "source": i.source,
            }
            for i in kb.issues
        ],
        "contacts": [export_contact(c, tr) for c in kb.contacts],
        "indicators": [
            {"number": n.number, "title": tr(f"ni.{n.number}.title", n.title), "source": n.source}
            for n in kb.indicators
        ],
        "phrasings": {lang: {k: list(v) for k, v in table.items()} for lang, table in kb.phrasings.items()},
    }


def export_contact(contact: Contact, tr: Translate = _english) -> dict[str, Any]:
    return {
        "id": contact.id,
        "name": tr(f"contact.{contact.id}.name", contact.name),
        "annex2_item": contact.annex2_item,
        "kind": contact.kind,
        "lead_agency": contact.lead_agency,
        "lead_person": contact.lead_person,
        "phones": [p.number for p in contact.phones],
        "phone_labels": [
            tr(f"contact.{contact.id}.phone.{n}", p.label) if p.label else None
            for n, p in enumerate(contact.phones, start=1)
        ],
        "emails": list(contact.emails),
        "urls": list(contact.urls),
        "notes": tr(f"contact.{contact.id}.notes", contact.notes) if contact.notes else None,
        "address": contact.address,
        "source": contact.source,
        "verified": contact.verified,
    }

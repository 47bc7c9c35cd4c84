"""The whole knowledge base as one JSON-ready dict, in the shape fixed by CONTRACT.md (plus extra fields)."""

from __future__ import annotations

from typing import Any

from bot.kb.model import Contact, KnowledgeBase


def export_knowledge(kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "themes": [{"id": t.id, "title": t.title} for t in kb.themes],
        "issues": [
            {
                "id": i.id,
                "theme": i.theme,
                "title": i.title,
                "summary": i.summary,
                "audience": list(i.audience),
                "indicators": list(i.indicators),
                "indicators_as_printed": i.indicators_as_printed,
                "actions": list(i.actions),
                "contacts": list(i.contacts),
                "guidance": i.guidance,
                "services": list(i.services),
                "source": i.source,
            }
            for i in kb.issues
        ],
        "contacts": [export_contact(c) for c in kb.contacts],
        "indicators": [{"number": n.number, "title": n.title} for n in kb.indicators],
        "phrasings": {lang: {k: list(v) for k, v in table.items()} for lang, table in kb.phrasings.items()},
    }


def export_contact(contact: Contact) -> dict[str, Any]:
    return {
        "id": contact.id,
        "name": contact.name,
        "annex2_item": contact.annex2_item,
        "kind": contact.kind,
        "lead_agency": contact.lead_agency,
        "lead_person": contact.lead_person,
        "phones": [p.number for p in contact.phones],
        "phone_labels": [p.label for p in contact.phones],
        "emails": list(contact.emails),
        "urls": list(contact.urls),
        "notes": contact.notes,
        "address": contact.address,
        "source": contact.source,
        "verified": contact.verified,
    }

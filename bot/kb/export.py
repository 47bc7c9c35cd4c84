"""The whole knowledge base as one JSON-ready dict, in the shape fixed by CONTRACT.md (plus extra fields)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.kb.model import Area, AreaItem, Checklist, Contact, KnowledgeBase, Practice

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
                "toolkit": i.from_toolkit,
                "action_sources": list(i.action_sources) or None,
                "staff_answer": tr(f"issue.{i.id}.staff_answer", i.staff_answer) if i.staff_answer else None,
                "staff_answer_source": i.staff_answer_source,
                "dated_note": tr(f"issue.{i.id}.dated_note", i.dated_note) if i.dated_note else None,
                "migrant_alternative": i.migrant_alternative,
            }
            for i in kb.issues
        ],
        "contacts": [export_contact(c, tr) for c in kb.contacts],
        "indicators": [
            {"number": n.number, "title": tr(f"ni.{n.number}.title", n.title), "source": n.source}
            for n in kb.indicators
        ],
        "phrasings": {lang: {k: list(v) for k, v in table.items()} for lang, table in kb.phrasings.items()},
        "sources": [{"file": d.file, "title": d.title, "publisher": d.publisher, "year": d.year} for d in kb.sources],
        "practices": [export_practice(p, tr) for p in kb.practices],
        "checklist": export_checklist(kb.checklist, tr) if kb.checklist else [],
        "areas": [export_area(a, tr) for a in kb.areas],
    }


def export_checklist(checklist: Checklist, tr: Translate = _english) -> list[dict[str, Any]]:
    return [
        {
            "id": item.id,
            "text": tr(f"checklist.{item.id}.text", item.text),
            "group": tr(f"checklist.group.{group.id}.title", group.title),
            "group_id": group.id,
            "issues": list(item.issues),
            "source": f"{checklist.source}: {group.title}",
        }
        for group, item in checklist.items
    ]


def export_practice(practice: Practice, tr: Translate = _english) -> dict[str, Any]:
    """Names printed in the source (`people`) stay in the files for admins: they are never exported or shown."""
    return {
        "id": practice.id,
        "title": tr(f"practice.{practice.id}.title", practice.title),
        "text": tr(f"practice.{practice.id}.text", practice.text),
        "result": tr(f"practice.{practice.id}.result", practice.result) if practice.result else None,
        "body": practice.body,
        "issues": list(practice.issues),
        "source": practice.source,
        "year": practice.year,
        "quoted": practice.quoted,
    }


def export_area(area: Area, tr: Translate = _english) -> dict[str, Any]:
    return {
        "id": area.id,
        "name": tr(f"area.{area.id}.name", area.name),
        "within": area.within,
        "items": [export_area_item(area, item, tr) for item in area.items],
    }


def export_area_item(area: Area, item: AreaItem, tr: Translate = _english) -> dict[str, Any]:
    return {
        "id": item.id,
        "kind": item.kind,
        "text": tr(f"area.{area.id}.{item.id}.text", item.text),
        "issues": list(item.issues),
        "source": item.source,
        "year": item.year,
        "phones": [p.number for p in item.phones],
        "phone_labels": [p.label for p in item.phones],
        "urls": list(item.urls),
        "emails": list(item.emails),
        "address": item.address,
        "quoted": item.quoted,
        "for_migrants": item.for_migrants,
        "sensitive": item.sensitive,
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
        "historical": tr(f"contact.{contact.id}.historical", contact.historical) if contact.historical else None,
    }

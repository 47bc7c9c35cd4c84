"""`run_bot.py export --hsds DIR`: the contacts as Open Referral HSDS (3.0, tabular form) so a council can load
them into its service directory.

Files: `organization.csv`, `service.csv`, `phone.csv`, `language.csv` and `datapackage.json` (the Frictionless
description of the four tables). Ids are UUIDs derived from our contact ids, so exporting again gives the same
ids and a directory can update its records. Every service carries `assured_date` (our `verified`, empty when
never checked); a service not verified within the set age is exported as `inactive` with an `alert` naming its
source, so unchecked details do not go live in a directory without someone looking at them first.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import uuid
from pathlib import Path

from babel import Locale, UnknownLocaleError

from bot.kb.model import Contact, KnowledgeBase
from bot.kb.people import public_emails, public_name

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:iag-bot:hsds")
TABLES: dict[str, tuple[str, ...]] = {
    "organization": ("id", "name", "description", "email", "website"),
    "service": (
        "id", "organization_id", "name", "description", "url", "email", "status", "assured_date", "alert",
    ),
    "phone": ("id", "service_id", "number", "type", "description"),
    "language": ("id", "service_id", "name", "code"),
}  # fmt: skip


def hsds_id(kind: str, key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def export_hsds(
    kb: KnowledgeBase, folder: Path, today: dt.date | None = None, max_age_days: int = 365
) -> dict[str, int]:
    """Write the tables into `folder` (created if needed); returns the number of rows per table."""
    today = today or dt.date.today()
    rows: dict[str, list[dict[str, str]]] = {name: [] for name in TABLES}
    organizations: dict[str, str] = {}  # organisation name -> id
    for contact in kb.contacts:
        org_name = contact.lead_agency or contact.name
        org_id = organizations.get(org_name)
        if org_id is None:
            org_id = organizations[org_name] = hsds_id("organization", org_name)
            rows["organization"].append(
                {
                    "id": org_id,
                    "name": org_name,
                    "description": org_name,
                    "email": "",
                    "website": "" if contact.lead_agency else (contact.urls[0] if contact.urls else ""),
                }
            )
        service_id = hsds_id("service", contact.id)
        current = _assured(contact, today, max_age_days)
        rows["service"].append(
            {
                "id": service_id,
                "organization_id": org_id,
                "name": public_name(contact),  # a public directory: never a person's name or own address
                "description": contact.notes or "",
                "url": contact.urls[0] if contact.urls else "",
                "email": next(iter(public_emails(contact)), ""),
                "status": "active" if current else "inactive",
                "assured_date": contact.verified or "",
                "alert": "" if current else _alert(contact),
            }
        )
        for n, phone in enumerate(contact.phones, start=1):
            rows["phone"].append(
                {
                    "id": hsds_id("phone", f"{contact.id}:{n}"),
                    "service_id": service_id,
                    "number": phone.number,
                    "type": "voice",
                    "description": phone.label or "",
                }
            )
        for code in contact.languages:
            rows["language"].append(
                {
                    "id": hsds_id("language", f"{contact.id}:{code}"),
                    "service_id": service_id,
                    "name": _language_name(code),
                    "code": code,
                }
            )
    folder.mkdir(parents=True, exist_ok=True)
    for name, fields in TABLES.items():
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows[name])
    (folder / "datapackage.json").write_text(json.dumps(_datapackage(today), indent=2) + "\n", encoding="utf-8")
    return {name: len(table) for name, table in rows.items()}


def _assured(contact: Contact, today: dt.date, max_age_days: int) -> bool:
    if not contact.verified:
        return False
    return (today - dt.date.fromisoformat(contact.verified)).days <= max_age_days


def _alert(contact: Contact) -> str:
    if contact.verified:
        return f"Last checked {contact.verified}: check the details before publishing. Source: {contact.source}"
    return f"Not checked since it was published: check the details before publishing. Source: {contact.source}"


def _language_name(code: str) -> str:
    try:
        return Locale.parse(code).english_name or code
    except (ValueError, UnknownLocaleError):
        return code


def _datapackage(today: dt.date) -> dict[str, object]:
    return {
        "name": "iag-migration-bot-contacts",
        "title": "Contacts and services of the IAG migration signposting bot",
        "profile": "tabular-data-package",
        "created": today.isoformat(),
        "resources": [
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [{"name": field, "type": "string"} for field in fields],
                    "primaryKey": "id",
                },
            }
            for name, fields in TABLES.items()
        ],
    }

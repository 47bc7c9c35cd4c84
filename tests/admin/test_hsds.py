"""The HSDS export: every contact a service of an organisation, with its phones, languages and assured date."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

from bot.admin.hsds import export_hsds
from bot.admin.verify import verify_contact
from bot.kb import load_knowledge

TODAY = dt.date(2026, 12, 5)


def table(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_contacts_become_organisations_services_phones_and_languages(kb_copy: Path, tmp_path: Path) -> None:
    verify_contact(kb_copy, "samaritans", dt.date(2026, 11, 2), today=TODAY)
    services_file = kb_copy / "contacts" / "national-services.yaml"
    text = services_file.read_text(encoding="utf-8")
    services_file.write_text(text.replace("  - id: nhs-111\n", "  - id: nhs-111\n    languages: [en, cy]\n"), "utf-8")
    kb = load_knowledge(kb_copy)
    out = tmp_path / "hsds"
    counts = export_hsds(kb, out, today=TODAY)
    services = {row["name"]: row for row in table(out, "service")}
    organizations = {row["id"]: row for row in table(out, "organization")}
    assert counts["service"] == len(services) == len(kb.contacts)
    assert all(row["organization_id"] in organizations for row in services.values())
    samaritans = services["Samaritans"]
    assert samaritans["assured_date"] == "2026-11-02" and samaritans["status"] == "active" and not samaritans["alert"]
    annex = services[kb.contact("annex2-item-07").name]  # type: ignore[union-attr]
    assert annex["assured_date"] == "" and annex["status"] == "inactive" and "Annex 2, Item 7" in annex["alert"]
    phones = [row for row in table(out, "phone") if row["service_id"] == annex["id"]]
    assert [row["number"] for row in phones] == ["01284-729433"]  # as printed
    languages = [(row["code"], row["name"]) for row in table(out, "language")]
    assert languages == [("en", "English"), ("cy", "Welsh")]
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["path"] for r in package["resources"]} == {"organization.csv", "service.csv", "phone.csv", "language.csv"}


def test_ids_stay_the_same_from_one_export_to_the_next(kb_copy: Path, tmp_path: Path) -> None:
    kb = load_knowledge(kb_copy)
    export_hsds(kb, tmp_path / "a", today=TODAY)
    export_hsds(kb, tmp_path / "b", today=TODAY)
    for name in ("organization", "service", "phone"):
        assert table(tmp_path / "a", name) == table(tmp_path / "b", name)
    ids = [row["id"] for row in table(tmp_path / "a", "service")]
    assert len(set(ids)) == len(ids)

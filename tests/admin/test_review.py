"""`review`: every unverified contact with its source, year and place, old content, translations that need work,
and the questions that got 👎 or no answer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from bot.admin.review import review_lines, review_report, source_year
from bot.admin.verify import verify_contact
from bot.app import DEFAULT_LOCALES
from bot.i18n import Catalogs
from bot.kb import KnowledgeBase, load_knowledge
from tests.admin.test_insights import sample

TODAY = dt.date(2026, 12, 5)


def review(knowledge: Path, **kw: Any) -> dict[str, Any]:
    kb = load_knowledge(knowledge)
    return review_report(kb, knowledge, Catalogs(DEFAULT_LOCALES), {}, sample(), today=TODAY, **kw)


def test_every_unverified_contact_and_service_is_listed_with_source_year_and_place(
    kb: KnowledgeBase, kb_copy: Path
) -> None:
    report = review(kb_copy)
    rows = {row["id"]: row for row in report["unverified"]}
    assert set(rows) == {c.id for c in kb.contacts if not c.verified}
    annex = rows["annex2-item-07"]
    assert annex["kind"] == "contact" and annex["year"] == 2008 and "Annex 2, Item 7" in annex["source"]
    path, line = annex["file"].rsplit(":", 1)
    assert path.endswith("contacts/annex2.yaml")
    assert Path(path).read_text(encoding="utf-8").splitlines()[int(line) - 1] == "  - id: annex2-item-07"
    assert rows["samaritans"]["kind"] == "service" and rows["samaritans"]["year"] is None
    verify_contact(kb_copy, "samaritans", TODAY, today=TODAY)
    assert "samaritans" not in {row["id"] for row in review(kb_copy)["unverified"]}


def test_old_content_is_flagged_by_its_source_year_or_verified_date(kb_copy: Path) -> None:
    verify_contact(kb_copy, "nhs-111", dt.date(2024, 1, 15), today=TODAY)
    verify_contact(kb_copy, "samaritans", dt.date(2026, 6, 1), today=TODAY)
    stale = review(kb_copy, max_age_days=365)["stale"]
    contacts = [row["id"] for row in stale if row["what"] == "contact"]
    issues = [row["id"] for row in stale if row["what"] == "issue"]
    assert contacts == ["nhs-111"]  # checked almost two years ago; samaritans this year
    assert len(issues) == len(list((kb_copy / "issues").glob("*/*.yaml"))) and "esol" in issues  # all from 2008-13
    assert source_year("LAA Toolkit (East of England Strategic Migration Partnership, 2008), Annex 2, Item 3") == 2008


def test_an_edited_english_text_shows_as_outdated_in_every_language(kb_copy: Path) -> None:
    issue = kb_copy / "issues" / "skills-employment" / "esol.yaml"
    lines = issue.read_text(encoding="utf-8").splitlines(keepends=True)
    issue.write_text("".join("title: ESOL classes\n" if x.startswith("title:") else x for x in lines), "utf-8")
    translations = review(kb_copy)["translations"]
    assert set(translations) == {"pl", "sk", "cs", "lt", "lv", "ro", "hu", "bg", "pt", "ru", "uk", "ar", "fa"}
    for row in translations.values():
        assert row["knowledge_outdated"] == ["issue.esol.title"]
        assert row["knowledge_unreviewed"] > 0  # the drafts are not yet reviewed by native speakers


def test_questions_with_thumbs_down_or_no_answer(kb_copy: Path) -> None:
    questions = review(kb_copy, unanswered_log_days=7)["questions"]
    assert questions["down"] == {"nrpf": 7, "esol": "<5"}
    assert questions["no_match"] == 7
    assert questions["unanswered"][0]["text"].lower().startswith("where can i")
    report = review(kb_copy, unanswered_log_days=7)
    text = "\n".join(review_lines(report))
    assert "annex2-item-07 [contact]" in text and "nrpf 7" in text and "5 issue(s) from LAA Toolkit" in text
    assert f"Not verified ({len(report['unverified'])})" in text

"""No personal names from the seeds in replies: the toolkit's Annex 2 and "Contact us" records keep the names and
personal emails printed in 2008 (they record the source), but what a reader sees shows the organisation, the role
and the organisation's details — never the person."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from bot.i18n import Catalogs
from bot.kb import KnowledgeBase
from bot.kb.people import personal_email
from bot.languages import LANGUAGES
from bot.replies import cards, menus
from bot.replies.contacts import contact_block
from bot.replies.context import RenderContext
from bot.replies.model import Reply, plain_text

PROJECT = Path(__file__).resolve().parent.parent.parent


def people(kb: KnowledgeBase) -> set[str]:
    """Every personal name the knowledge records: contacts' lead persons and the `people:` of practices and areas."""
    names = {c.lead_person for c in kb.contacts if c.lead_person}
    names |= {n for p in kb.practices for n in p.people} | {n for a in kb.areas for n in a.people}
    names |= {n for a in kb.areas for i in a.items for n in i.people}
    return {re.split(r" \(|,", name)[0].strip() for name in names}


def forbidden(kb: KnowledgeBase) -> list[re.Pattern[str]]:
    """A full name, a surname on its own, or a personal email address."""
    words = set()
    for name in people(kb):
        words.add(name)
        surname = name.split()[-1]
        if len(surname) >= 4:
            words.add(surname)
    emails = {e for c in kb.contacts for e in c.emails if personal_email(c, e)}
    return [re.compile(rf"(?<!\w){re.escape(w)}(?!\w)", re.I) for w in sorted(words | emails)]


def contact_replies(kb: KnowledgeBase, catalogs: Catalogs, lang: str) -> list[Reply]:
    """Every reply that shows contacts (a search quotes the reader's own words back: those are taken out)."""
    out: list[Reply] = []
    for role in ("staff", "migrant", None):
        ctx = RenderContext(kb, catalogs.translator(lang), lang, role, catalogs)
        for issue in kb.issues:
            out += [cards.issue_card(ctx, issue), cards.contacts_reply(ctx, issue), cards.more_reply(ctx, issue)]
        out += [menus.directory(ctx, page=page) for page in range(-(-len(kb.contacts) // menus.CONTACTS_PAGE))]
        for query in ("Hannah", "Beattie", "Shah", "policy officer", "Strategic Migration Partnership", "INTRAN"):
            found = menus.directory(ctx, query)
            out.append(Reply(found.html.replace(query, "…"), found.buttons))
        out += [menus.crisis(ctx, ("suicide", "violence", "trafficking", "child", "medical"), "missing-from-care")]
        out += [menus.support_lines(ctx, ("trafficking", "child")), menus.not_helpful(ctx), menus.no_match(ctx)]
    return out


def test_the_records_do_hold_names_and_personal_emails(kb: KnowledgeBase) -> None:
    """The data files keep what was printed (so the check below has something to find)."""
    assert {"Hannah Shah", "Ian Beattie", "Valerie Gidney", "Leonie McCarthy"} <= people(kb)
    hannah = kb.contact("toolkit-contact-hannah-shah")
    assert hannah is not None and "Hannah Shah" in hannah.name and personal_email(hannah, hannah.emails[0])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_reply_shows_a_personal_name_or_email(kb: KnowledgeBase, lang: str) -> None:
    patterns = forbidden(kb)
    catalogs = Catalogs(PROJECT / "locales")
    for reply in contact_replies(kb, catalogs, lang):
        shown = reply.text + " " + " ".join(b.text for row in reply.buttons for b in row)
        found = [p.pattern for p in patterns if p.search(shown)]
        assert not found, (lang, found, shown[:300])


def test_a_contact_keeps_its_organisation_role_and_numbers(kb: KnowledgeBase) -> None:
    catalogs = Catalogs(PROJECT / "locales")
    ctx = RenderContext(kb, catalogs.translator("en"), "en", "staff", catalogs)
    ian = kb.contact("toolkit-contact-ian-beattie")
    intran = kb.contact("annex2-item-06")
    assert ian is not None and intran is not None
    text = plain_text("\n".join(contact_block(ctx, [ian, intran])))
    assert "• Senior Policy Officer, Strategic Migration Partnership" in text
    assert "East of England Regional Assembly" in text and "(01284) 729 413" in text and "www.eera.gov.uk" in text
    assert "Norfolk County Council" in text and "01603-495131" in text and "project code RD 65" in text
    assert text.count("The email printed was a staff member's own: contact the organisation instead.") == 2
    polish = RenderContext(kb, catalogs.translator("pl"), "pl", "staff", catalogs)
    text = plain_text("\n".join(contact_block(polish, [ian])))
    assert "Beattie" not in text and "Strategic Migration Partnership" in text and "(01284) 729 413" in text


def test_an_organisations_own_email_is_still_shown(kb: KnowledgeBase) -> None:
    from dataclasses import replace

    catalogs = Catalogs(PROJECT / "locales")
    ctx = RenderContext(kb, catalogs.translator("en"), "en", "staff", catalogs)
    intran = kb.contact("annex2-item-06")
    assert intran is not None
    both = replace(intran, emails=("Valerie.gidney@norfolk.gov.uk", "intran@norfolk.gov.uk"))
    text = plain_text("\n".join(contact_block(ctx, [both])))
    assert "intran@norfolk.gov.uk" in text and "gidney" not in text.lower()
    assert "contact the organisation instead" not in text  # its general contact is printed


def test_the_public_directory_export_has_no_personal_names(kb: KnowledgeBase, tmp_path: Path) -> None:
    from bot.admin.hsds import export_hsds

    export_hsds(kb, tmp_path)
    patterns = forbidden(kb)
    for table in tmp_path.glob("*.csv"):
        with table.open(encoding="utf-8", newline="") as handle:
            text = " ".join(" ".join(row) for row in csv.reader(handle))
        assert not [p.pattern for p in patterns if p.search(text)], table.name

"""Every label a reader sees ("Audience:", headings, buttons, phone labels…) is in their language: each goes
through the catalogs, and `translations` counts every one of them. What stays English by design — names of
organisations, web and email addresses, the staff tools quoted from the seed documents (good practice, the council
checklist, staff-only local items) — is left out of the check."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from bot.i18n import Catalogs
from bot.kb import KnowledgeBase
from bot.kb.extract import knowledge_strings
from bot.kb.people import public_name
from bot.languages import LANGUAGES
from bot.replies import areas, cards, checklist, menus, practices
from bot.replies.context import RenderContext
from bot.replies.model import Reply
from bot.translations import coverage_report, ui_message_ids
from tests.catalogs import edited_locales

PROJECT = Path(__file__).resolve().parent.parent.parent
LOCALES = PROJECT / "locales"
OTHERS = [lang for lang in LANGUAGES if lang != "en"]
PLACEHOLDER = re.compile(r"\{\w+\}")
ADDRESS = re.compile(r"https?://\S+|www\.\S+|\S+@\S+")
BOLD = re.compile(r"<b>(.*?)</b>")


def every_reply(kb: KnowledgeBase, catalogs: Catalogs, lang: str) -> list[Reply]:
    """What a reader can be shown: every card and its views, for staff and migrants, with and without a local area,
    and the menus, directory, crisis replies, good practice and the checklist."""

    def ctx(role: str | None, area: str | None = None) -> RenderContext:
        return RenderContext(kb, catalogs.translator(lang), lang, role, catalogs, area=area)

    out: list[Reply] = []
    for role in ("staff", "migrant"):
        for area in (None, "east-of-england"):  # with an area, some cards leave their audience line to More
            view = ctx(role, area)
            out += [cards.issue_card(view, issue) for issue in kb.issues]
        for area in ("derby", "east-of-england"):  # Derby's local replies carry the East Midlands items too
            view = ctx(role, area)
            out += [areas.area_reply(view, issue) for issue in kb.issues]
        view = ctx(role)
        for issue in kb.issues:
            out += [cards.more_reply(view, issue), cards.contacts_reply(view, issue)]
            out += [practices.practices_reply(view, issue), menus.client_language(view, issue.id)]
        out += [menus.crisis(view, kinds, "nrpf") for kinds in (("suicide",), ("violence", "child"), ("trafficking",))]
        out += [menus.crisis(view, ("medical",)), menus.support_lines(view, ("suicide", "child"))]
    view = ctx(None)
    out += [menus.start(view), menus.help_reply(view), menus.privacy(view, 3), menus.privacy(view, 0)]
    out += [menus.directory(view, page=page) for page in range(10)]
    out += [menus.directory(view, "housing"), menus.directory(view, "zzzz"), menus.no_match(view)]
    out += [menus.not_helpful(view), menus.themes(view), menus.role_menu(view), menus.role_set(ctx("staff"))]
    out += [menus.role_set(ctx("migrant")), menus.text_only(view), menus.links_need_username(view)]
    out += [menus.client_link(view, "Topic", "pl", "https://t.me/HelpBot?start=c_nrpf_pl"), menus.forgotten(view)]
    out += [checklist.checklist_reply(ctx("staff")), areas.area_menu(ctx(None, "derby"))]
    return out


def by_design(kb: KnowledgeBase) -> list[str]:
    """Texts that stay English on purpose: organisations' names, sources, and the staff tools from the seeds (a line
    that holds one of them is not searched for labels)."""
    texts = [c.name for c in kb.contacts] + [public_name(c) for c in kb.contacts]
    texts += [c.lead_agency for c in kb.contacts if c.lead_agency] + [c.notes for c in kb.contacts if c.notes]
    texts += [i.source for i in kb.issues] + [d.short for d in kb.sources]
    for p in kb.practices:
        texts += [p.title, p.body, p.text, p.result or ""]
    if kb.checklist is not None:
        texts += [g.title[:1].upper() + g.title[1:] for g in kb.checklist.groups]
        texts += [i.text[:1].upper() + i.text[1:] for g in kb.checklist.groups for i in g.items]
    for area in kb.areas:
        texts += [item.text for item in area.items if not item.for_migrants or item.sensitive]
        texts += [item.address for item in area.items if item.address]
    return sorted({t for t in texts if t}, key=len, reverse=True)


def labels(kb: KnowledgeBase, catalogs: Catalogs, lang: str) -> list[str]:
    """The English of every label that has a translation of its own in `lang`: the bot's own words (each fixed
    part around a {placeholder}) and the short knowledge labels (titles, phone labels, area names). A translation
    that keeps the English name in it ("East Midlands (Środkowo-Wschodnia Anglia)") does not count."""
    t = catalogs.translator(lang)
    found = set()
    for msgid in ui_message_ids(PROJECT):
        translated = t.gettext(msgid)
        parts = [p.strip(" :.,“”—-") for p in PLACEHOLDER.split(msgid)]
        found.update(p for p in parts if len(p) >= 4 and p not in translated)
    for context, english in knowledge_strings(kb):
        short = context.endswith((".title", ".name")) or ".phone." in context
        if (
            short
            and not context.startswith("contact.")
            and english not in catalogs.knowledge(lang, context, english).text
        ):
            found.add(english)
    return sorted(found, key=len, reverse=True)


def places(reply: Reply, kept: list[str]) -> tuple[list[str], list[str]]:
    """Where labels are: (headings, buttons, the words before a line's first colon, phone labels), and the lines
    to search for longer phrases — leaving out lines that hold a text kept in English by design."""
    lines = [line for line in reply.text.split("\n") if not any(k[:40] in line for k in kept)]
    spots = [*map(html.unescape, BOLD.findall(reply.html)), *(b.text for row in reply.buttons for b in row)]
    spots += [line.split(":", 1)[0] for line in lines if ":" in line]
    spots += [m for line in lines for m in re.findall(r"☎ [^(]*\((.*)\)", line)]
    return [re.sub(r"^[^\w]+|[^\w)]+$", "", s) for s in spots], lines


def english_left(reply: Reply, english: list[str], kept: list[str]) -> list[str]:
    """The English labels found in a reply: a heading, button, line start or phone label that is one, or a longer
    phrase of the bot's own words anywhere in a line."""
    spots, lines = places(reply, kept)
    left = []
    for label in english:
        if any(spot == label or spot.startswith((label + " ", label + ":")) for spot in spots) or (
            len(label.split()) >= 3 and any(label in ADDRESS.sub(" ", line) for line in lines)
        ):
            left.append(label)
    return left


@pytest.fixture(scope="module")
def catalogs() -> Catalogs:
    return Catalogs(LOCALES)


@pytest.mark.parametrize("lang", OTHERS)
def test_no_english_label_is_left_in_any_reply(kb: KnowledgeBase, catalogs: Catalogs, lang: str) -> None:
    english, kept = labels(kb, catalogs, lang), by_design(kb)
    left = {label for reply in every_reply(kb, catalogs, lang) for label in english_left(reply, english, kept)}
    assert not left, f"{lang}: English labels shown: {sorted(left)}"


@pytest.mark.parametrize("lang", ["pl", "ar"])
def test_headings_and_buttons_differ_from_english_unless_they_are_names(
    kb: KnowledgeBase, catalogs: Catalogs, lang: str
) -> None:
    """A label written in the code without the catalogs would be the same in every language: every heading and
    button that reads as in English must be a name (an organisation, a place) or a symbol."""
    kept = set(by_design(kb)) | {a.name for a in kb.areas} | {menus.native_name(code) for code in LANGUAGES}
    for english, other in zip(every_reply(kb, catalogs, "en"), every_reply(kb, catalogs, lang), strict=True):
        same = {html.unescape(b) for b in BOLD.findall(english.html)} & {
            html.unescape(b) for b in BOLD.findall(other.html)
        }
        same |= {b.text for row in english.buttons for b in row} & {b.text for row in other.buttons for b in row}
        words = [s for s in same if re.search(r"[A-Za-z]{3}", s) and s.strip("✓ ") not in kept]
        assert not [w for w in words if not any(w.startswith(p) for p in ("NI ", "↪"))], (lang, words)


def test_a_label_missing_from_a_catalog_is_caught_and_counted(kb: KnowledgeBase, tmp_path: Path) -> None:
    def blank_audience(text: str) -> str:
        start = text.index('msgid "Audience"')
        end = text.index("\n\n", start)
        return text[:start] + 'msgid "Audience"\nmsgstr ""' + text[end:]

    broken = Catalogs(edited_locales(tmp_path, "pl/LC_MESSAGES/bot.po", blank_audience))
    english, kept = labels(kb, Catalogs(LOCALES), "pl"), by_design(kb)
    left = {label for reply in every_reply(kb, broken, "pl") for label in english_left(reply, english, kept)}
    assert left == {"Audience"}
    ids = ui_message_ids(PROJECT)
    assert "Audience" in ids and "Recommended actions" in ids and "Send to my client" in ids
    assert coverage_report(broken, PROJECT, kb)["pl"]["ui"] == pytest.approx(1 - 1 / len(ids), abs=1e-4)
    assert coverage_report(Catalogs(LOCALES), PROJECT, kb)["pl"]["ui"] == 1.0


def test_a_plural_with_a_form_missing_is_not_counted_as_translated(kb: KnowledgeBase, tmp_path: Path) -> None:
    def blank_one_form(text: str) -> str:
        form = text.index("msgstr[2]", text.index('msgid "{n} contact"'))
        end = text.index("\n", form)
        return text[:form] + 'msgstr[2] ""' + text[end:]

    report = coverage_report(Catalogs(edited_locales(tmp_path, "pl/LC_MESSAGES/bot.po", blank_one_form)), PROJECT, kb)
    assert report["pl"]["ui"] < 1.0

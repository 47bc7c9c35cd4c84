"""Translations: catalogs parse, placeholders survive, and the bot falls back honestly."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from bot.conversation import Conversation, Profile
from bot.i18n import Catalogs, Status
from bot.kb import KnowledgeBase, load_knowledge
from bot.kb.extract import knowledge_strings
from bot.languages import LANGUAGES
from bot.match import Matcher
from bot.replies import cards
from bot.translations import coverage_report
from tests.catalogs import edited_locales

PROJECT = Path(__file__).resolve().parent.parent
LOCALES = PROJECT / "locales"
PLACEHOLDER = re.compile(r"{\w+}")
OTHERS = [lang for lang in LANGUAGES if lang != "en"]


@pytest.mark.parametrize("lang", OTHERS)
@pytest.mark.parametrize("domain", ["bot", "knowledge"])
def test_catalog_parses_and_keeps_placeholders(lang: str, domain: str) -> None:
    path = LOCALES / lang / "LC_MESSAGES" / f"{domain}.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    for message in catalog:
        if not message.id or not message.string:
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        targets = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(PLACEHOLDER.findall(" ".join(sources)))
        for target in targets:
            if not target:
                continue
            assert set(PLACEHOLDER.findall(target)) == expected, (lang, message.id, target)
    if domain == "bot":
        assert catalog.num_plurals >= 1 and catalog.plural_expr


def test_coverage_ui_complete_and_knowledge_at_least_95_percent(kb: KnowledgeBase) -> None:
    report = coverage_report(Catalogs(LOCALES), PROJECT, kb)
    assert set(report) == set(LANGUAGES)
    for lang in OTHERS:
        assert report[lang]["ui"] == 1.0, (lang, report[lang])
        assert report[lang]["knowledge"] >= 0.95, (lang, report[lang])
        assert report[lang]["outdated"] == 0


def test_translated_card_is_in_polish_and_says_it_is_a_draft(conversation: Conversation) -> None:
    outcome = conversation.on_text(Profile(lang="pl", role="migrant"), "gdzie mogę uczyć się angielskiego")
    text = outcome.replies[0].text
    assert "Angielski" in text
    assert (
        conversation.catalogs.translator("pl").gettext("Draft translation, not yet checked by a native speaker.")
        in text
    )


@pytest.fixture
def edited(tmp_path: Path) -> tuple[KnowledgeBase, Catalogs]:
    """The shipped knowledge with one English title edited, and the shipped translations."""
    folder = tmp_path / "knowledge"
    shutil.copytree(PROJECT / "knowledge", folder)
    path = folder / "issues/skills-employment/esol.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: English for Speakers", "title: Learning English - English for Speakers"))
    return load_knowledge(folder), Catalogs(LOCALES)


def test_an_english_edit_is_outdated_in_every_language_at_once(edited: tuple[KnowledgeBase, Catalogs]) -> None:
    kb, catalogs = edited
    issue = kb.issue("esol")
    assert issue is not None
    for lang in OTHERS:
        found = catalogs.knowledge(lang, "issue.esol.title", issue.title)
        assert found.status is Status.OUTDATED and found.text == issue.title
    report = coverage_report(catalogs, PROJECT, kb)
    assert all(report[lang]["outdated"] == 1 for lang in OTHERS)


def test_the_bot_shows_the_new_english_with_a_note(edited: tuple[KnowledgeBase, Catalogs]) -> None:
    kb, catalogs = edited
    conversation = Conversation(kb, Matcher(kb), catalogs)
    ctx = conversation.context("pl", "staff")
    issue = kb.issue("esol")
    assert issue is not None
    text = cards.issue_card(ctx, issue).text
    assert "Learning English - English for Speakers" in text
    note = catalogs.translator("pl").gettext("Some of this text is shown in English: its translation is not ready yet.")
    assert note in text
    assert ctx.action(issue, 0) != issue.actions[0]  # the rest stays translated


def test_missing_translation_falls_back_to_english(kb: KnowledgeBase, tmp_path: Path) -> None:
    def drop_esol_title(text: str) -> str:
        start = text.index('msgctxt "issue.esol.title"')
        end = text.index("\n\n", start)
        return text[:start] + text[end + 2 :]

    catalogs = Catalogs(edited_locales(tmp_path, "pl/LC_MESSAGES/knowledge.po", drop_esol_title))
    issue = kb.issue("esol")
    assert issue is not None
    found = catalogs.knowledge("pl", "issue.esol.title", issue.title)
    assert found.status is Status.MISSING and found.text == issue.title
    report = coverage_report(catalogs, PROJECT, kb)
    assert report["pl"]["knowledge"] == pytest.approx(1 - 1 / len(list(knowledge_strings(kb))), abs=1e-3)


def test_unreviewed_strings_are_counted(kb: KnowledgeBase) -> None:
    report = coverage_report(Catalogs(LOCALES), PROJECT, kb)
    assert report["pl"]["unreviewed"] > 0
    assert report["en"]["unreviewed"] == 0


def test_plural_forms_follow_the_language() -> None:
    t = Catalogs(LOCALES).translator("pl")
    forms = {t.ngettext("{n} contact", "{n} contacts", n) for n in (1, 2, 5)}
    assert len(forms) == 3


def test_arabic_reply_reads_right_to_left_with_isolated_numbers(conversation: Conversation) -> None:
    outcome = conversation.on_text(Profile(lang="ar", role="migrant"), "أين يمكنني تعلم اللغة الإنجليزية مجانا")
    card = outcome.replies[0]
    assert all(line.startswith("\u200f") for line in card.html.split("\n") if line.strip())
    contacts = next(b.data for row in card.buttons for b in row if b.data.startswith("v1:c:"))  # the services
    html = conversation.on_button(Profile(lang="ar", role="migrant"), contacts).replies[0].html
    assert all(line.startswith("\u200f") for line in html.split("\n") if line.strip())
    assert "\u2066https://" in html and "\u2069" in html


def test_dates_follow_the_locale(kb: KnowledgeBase) -> None:
    from dataclasses import replace

    from bot.replies.contacts import contact_lines
    from bot.replies.context import RenderContext

    contact = replace(kb.contacts[0], verified="2025-03-07")
    catalogs = Catalogs(LOCALES)
    lines = contact_lines(RenderContext(kb, catalogs.translator("pl"), "pl", None, catalogs), contact)
    assert any("7 marca 2025" in line for line in lines)


def test_validate_reports_a_broken_placeholder_with_its_line(tmp_path: Path) -> None:
    from bot.translations import catalog_problems

    locales = tmp_path / "locales"
    shutil.copytree(LOCALES, locales)
    assert catalog_problems(locales) == []
    path = locales / "pl/LC_MESSAGES/bot.po"
    lines = path.read_text(encoding="utf-8").splitlines()
    n = next(i for i, line in enumerate(lines) if line.startswith('msgid "Checked on {date}."'))
    lines[n + 1] = 'msgstr "Sprawdzono {data}."'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [problem] = catalog_problems(locales)
    assert problem.path.endswith("pl/LC_MESSAGES/bot.po") and problem.line == n + 1
    assert "{date}" in problem.message

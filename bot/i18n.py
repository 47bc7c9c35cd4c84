"""Every word in the user's language: gettext catalogs managed with Babel, for UI strings and knowledge text.

- `locales/<lang>/LC_MESSAGES/bot.po`: UI strings (msgid = the English in the code).
- `locales/<lang>/LC_MESSAGES/knowledge.po`: knowledge text, one entry per record and field (msgctxt such as
  `issue.esol.title`, msgid = the English in the YAML at the time of translation).

Catalogs are read straight from the `.po` files with Babel at start-up: no compile step, a fresh clone works.
A knowledge translation is *current* when its msgid equals today's English in the YAML; when an admin edits the
English it becomes *outdated* at once and the bot shows the new English (with a note) until it is translated
again. Fuzzy and empty entries count as not translated. Entries flagged `unreviewed` are drafts not yet checked
by a native speaker: counted, and the bot says so under the content.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po

from bot.languages import LANGUAGES, SOURCE_LANGUAGE

UI_DOMAIN = "bot"
KNOWLEDGE_DOMAIN = "knowledge"
UNREVIEWED = "unreviewed"


class Status(Enum):
    SOURCE = "source"  # English, the source language
    CURRENT = "current"  # translated from today's English
    OUTDATED = "outdated"  # translated from an older English text: English shown
    MISSING = "missing"  # not translated: English shown


@dataclass(frozen=True)
class Entry:
    source: str  # the English it was translated from
    text: str
    fuzzy: bool = False
    unreviewed: bool = False


@dataclass(frozen=True)
class Lookup:
    text: str
    status: Status
    unreviewed: bool = False


@dataclass(frozen=True)
class Translator:
    """The UI strings of one language. `gettext` formats `{placeholders}` after translating."""

    lang: str
    messages: dict[str, str] = field(default_factory=dict)
    plurals: dict[str, tuple[str, ...]] = field(default_factory=dict)
    plural_rule: Any = None

    def gettext(self, message: str, **values: Any) -> str:
        text = self.messages.get(message) or message
        return _format(text, message, values)

    def ngettext(self, singular: str, plural: str, n: int, **values: Any) -> str:
        forms = self.plurals.get(singular)
        text = singular if n == 1 else plural
        if forms and self.plural_rule is not None:
            index = self.plural_rule(n)
            if index < len(forms) and forms[index]:
                text = forms[index]
        return _format(text, singular if n == 1 else plural, {"n": n, **values})


class Catalogs:
    def __init__(self, locales: Path) -> None:
        self.locales = locales
        self._translators: dict[str, Translator] = {SOURCE_LANGUAGE: Translator(SOURCE_LANGUAGE)}
        self._knowledge: dict[str, dict[str, Entry]] = {}
        self._ui_entries: dict[str, dict[str, Entry]] = {}
        for lang in LANGUAGES:
            if lang == SOURCE_LANGUAGE:
                continue
            ui = _read(locales, lang, UI_DOMAIN)
            if ui is not None:
                self._translators[lang] = _translator(lang, ui)
                self._ui_entries[lang] = _entries(ui, by_context=False)
            knowledge = _read(locales, lang, KNOWLEDGE_DOMAIN)
            if knowledge is not None:
                self._knowledge[lang] = _entries(knowledge, by_context=True)

    def translator(self, lang: str) -> Translator:
        return self._translators.get(lang) or self._translators[SOURCE_LANGUAGE]

    def knowledge(self, lang: str, context: str, english: str) -> Lookup:
        """The knowledge text for `context` in `lang`, or today's English with the reason."""
        if lang == SOURCE_LANGUAGE:
            return Lookup(english, Status.SOURCE)
        entry = self._knowledge.get(lang, {}).get(context)
        if entry is None or not entry.text:
            return Lookup(english, Status.MISSING)
        if entry.fuzzy or _same(entry.source) != _same(english):
            return Lookup(english, Status.OUTDATED)
        return Lookup(entry.text, Status.CURRENT, entry.unreviewed)

    def coverage(self, lang: str, ui_ids: list[str], knowledge: list[tuple[str, str]]) -> dict[str, float | int]:
        """Share of UI strings and knowledge texts translated and current; outdated and unreviewed counts."""
        if lang == SOURCE_LANGUAGE:
            return {"ui": 1.0, "knowledge": 1.0, "outdated": 0, "unreviewed": 0}
        ui = self._ui_entries.get(lang, {})
        ui_done = [m for m in ui_ids if m in ui and ui[m].text and not ui[m].fuzzy]
        lookups = [self.knowledge(lang, context, english) for context, english in knowledge]
        unreviewed = sum(1 for m in ui_done if ui[m].unreviewed) + sum(1 for x in lookups if x.unreviewed)
        return {
            "ui": round(len(ui_done) / len(ui_ids), 4) if ui_ids else 1.0,
            "knowledge": round(sum(x.status is Status.CURRENT for x in lookups) / len(lookups), 4) if lookups else 1.0,
            "outdated": sum(x.status is Status.OUTDATED for x in lookups)
            + sum(1 for m in ui_ids if m in ui and ui[m].fuzzy),
            "unreviewed": unreviewed,
        }


def _same(text: str) -> str:
    return " ".join(text.split())


def _format(text: str, source: str, values: dict[str, Any]) -> str:
    if not values:
        return text
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        return source.format(**values)  # a broken translation never breaks a reply


def _read(locales: Path, lang: str, domain: str) -> Any:
    path = locales / lang / "LC_MESSAGES" / f"{domain}.po"
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def _entries(catalog: Any, *, by_context: bool) -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    for message in catalog:
        if not message.id:
            continue
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        if isinstance(message.string, tuple):  # a plural counts as translated only with every form
            text = message.string[0] if all(message.string) else ""
        else:
            text = message.string
        key = message.context if by_context else msgid
        if key:
            entries[key] = Entry(msgid, text or "", message.fuzzy, UNREVIEWED in message.flags)
    return entries


def _translator(lang: str, catalog: Any) -> Translator:
    messages: dict[str, str] = {}
    plurals: dict[str, tuple[str, ...]] = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple):
            forms = tuple(message.string or ())
            if all(forms):
                plurals[message.id[0]] = forms
        elif message.string:
            messages[message.id] = message.string
    return Translator(lang, messages, plurals, _plural_rule(catalog.plural_expr))


def _plural_rule(expr: str | None) -> Any:
    """The catalog's C `Plural-Forms` expression as a Python function (the standard library's parser)."""
    if not expr:
        return None
    try:
        return gettext.c2py(expr)
    except (ValueError, SyntaxError):
        return None

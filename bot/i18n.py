"""User-facing strings through gettext catalogs managed with Babel.

Catalogs are read straight from `locales/<lang>/LC_MESSAGES/bot.po` with Babel at start-up (no compile step):
a fresh clone works as it is. Fuzzy and empty entries are skipped, so the English source text is shown
instead — never a half-finished translation.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po

from bot.languages import LANGUAGES, SOURCE_LANGUAGE

DOMAIN = "bot"


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
        if forms and self.plural_rule is not None:
            index = self.plural_rule(n)
            text = forms[index] if index < len(forms) and forms[index] else (singular if n == 1 else plural)
        else:
            text = singular if n == 1 else plural
        return _format(text, singular, {"n": n, **values})


def _format(text: str, source: str, values: dict[str, Any]) -> str:
    if not values:
        return text
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        return source.format(**values)  # a broken translation never breaks a reply


class Catalogs:
    def __init__(self, locales: Path) -> None:
        self._translators: dict[str, Translator] = {SOURCE_LANGUAGE: Translator(SOURCE_LANGUAGE)}
        for lang in LANGUAGES:
            path = locales / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
            if lang != SOURCE_LANGUAGE and path.is_file():
                self._translators[lang] = _read(lang, path)

    def translator(self, lang: str) -> Translator:
        return self._translators.get(lang) or self._translators[SOURCE_LANGUAGE]

    def coverage(self, lang: str, source_ids: list[str]) -> float:
        if lang == SOURCE_LANGUAGE:
            return 1.0
        t = self._translators.get(lang)
        if not t or not source_ids:
            return 0.0
        return sum(1 for m in source_ids if t.messages.get(m) or t.plurals.get(m)) / len(source_ids)


def _read(lang: str, path: Path) -> Translator:
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    messages: dict[str, str] = {}
    plurals: dict[str, tuple[str, ...]] = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple):
            forms = tuple(message.string or ())
            if any(forms):
                plurals[message.id[0]] = forms
        elif message.string:
            messages[message.id] = message.string
    return Translator(lang, messages, plurals, catalog.plural_expr and _plural_rule(catalog.plural_expr))


def _plural_rule(expr: str) -> Any:
    """The catalog's C `Plural-Forms` expression as a Python function (the standard library's parser)."""
    try:
        return gettext.c2py(expr)
    except (ValueError, SyntaxError):
        return None

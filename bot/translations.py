"""The translation workflow with Babel: templates (.pot) from the code and the knowledge, merged into each
language's .po files, and the coverage report of `run_bot.py translations`.

    run_bot.py translations --update   # after editing code strings or knowledge: refresh .pot and .po files
    run_bot.py translations [--json]   # how much is translated, outdated and not yet reviewed, per language
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from bot.i18n import KNOWLEDGE_DOMAIN, UI_DOMAIN, Catalogs
from bot.kb.extract import knowledge_strings
from bot.kb.model import KnowledgeBase
from bot.kb.problems import Problem, display_path
from bot.languages import LANGUAGES, SOURCE_LANGUAGE

PROJECT = "IAG signposting bot"
UI_KEYWORDS = {"gettext": None, "ngettext": (1, 2)}


def ui_template(code_root: Path) -> Catalog:
    """Every `t.gettext(...)` / `t.ngettext(...)` in the bot's code."""
    catalog = Catalog(project=PROJECT, fuzzy=False)
    found = extract_from_dir(
        str(code_root / "bot"), method_map=[("**.py", "python")], keywords=UI_KEYWORDS, strip_comment_tags=True
    )
    for filename, lineno, message, comments, context in found:
        catalog.add(message, locations=[(f"bot/{filename}", lineno)], auto_comments=comments, context=context)
    return catalog


def ui_message_ids(code_root: Path) -> list[str]:
    return [str(m.id[0]) if isinstance(m.id, tuple) else str(m.id) for m in ui_template(code_root) if m.id]


def knowledge_template(kb: KnowledgeBase) -> Catalog:
    catalog = Catalog(project=PROJECT, fuzzy=False)
    for context, text in knowledge_strings(kb):
        catalog.add(text, context=context)
    return catalog


def update_catalogs(locales: Path, code_root: Path, kb: KnowledgeBase) -> list[Path]:
    """Write both templates and merge them into every language's catalogs (keeping translations; an entry whose
    English changed becomes fuzzy with the previous English shown to translators)."""
    written = []
    for domain, template in ((UI_DOMAIN, ui_template(code_root)), (KNOWLEDGE_DOMAIN, knowledge_template(kb))):
        pot = locales / f"{domain}.pot"
        _write(pot, template)
        written.append(pot)
        for lang in LANGUAGES:
            if lang == SOURCE_LANGUAGE:
                continue
            path = locales / lang / "LC_MESSAGES" / f"{domain}.po"
            if path.is_file():
                with path.open("rb") as handle:
                    catalog = read_po(handle, locale=lang)
            else:
                catalog = Catalog(locale=lang, project=PROJECT, fuzzy=False)
            catalog.update(template, update_header_comment=False)
            catalog.obsolete.clear()
            _write(path, catalog)
            written.append(path)
    return written


def coverage_report(catalogs: Catalogs, code_root: Path, kb: KnowledgeBase) -> dict[str, dict[str, float | int]]:
    ui_ids = ui_message_ids(code_root)
    texts = list(knowledge_strings(kb))
    return {lang: catalogs.coverage(lang, ui_ids, texts) for lang in LANGUAGES}


_PLACEHOLDER = re.compile(r"{\w+}")


def catalog_problems(locales: Path) -> list[Problem]:
    """Translations a translator broke: a catalog that cannot be read, or `{placeholders}` that differ from the
    English (the bot would fall back to English for those), as `path:line: what is wrong`."""
    problems: list[Problem] = []
    for path in sorted(locales.glob("*/LC_MESSAGES/*.po")):
        shown = display_path(path)
        try:
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=path.parts[-3], abort_invalid=True)
        except Exception as exc:
            problems.append(Problem(shown, getattr(exc, "lineno", 1) or 1, f"the catalog cannot be read: {exc}"))
            continue
        for message in catalog:
            if not message.id or not message.string or message.fuzzy:
                continue
            sources = [str(x) for x in message.id] if isinstance(message.id, tuple) else [str(message.id)]
            targets = [str(x) for x in message.string] if isinstance(message.string, tuple) else [str(message.string)]
            expected = set(_PLACEHOLDER.findall(" ".join(sources)))
            for target in targets:
                if target and set(_PLACEHOLDER.findall(target)) != expected:
                    wanted = ", ".join(sorted(expected)) or "none"
                    problems.append(
                        Problem(shown, message.lineno or 1, f"the translation must keep the placeholders {wanted}")
                    )
                    break
    return problems


def _write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, include_previous=True, sort_output=False)

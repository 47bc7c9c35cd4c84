"""One command line for everything: run (default), console, ask, match, validate, export, translations."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from bot.kb import KnowledgeError, load_knowledge
from bot.kb.export import export_knowledge
from bot.kb.model import KnowledgeBase
from bot.languages import LANGUAGES

DEFAULT_KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except KnowledgeError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) in the knowledge files: fix them and try again.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="run_bot.py", description=__doc__)
    parser.set_defaults(handler=_cmd_run, knowledge=DEFAULT_KNOWLEDGE)
    sub = parser.add_subparsers(dest="command")

    def command(name: str, handler: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--knowledge", type=Path, default=DEFAULT_KNOWLEDGE, help="knowledge folder")
        p.set_defaults(handler=handler)
        return p

    command("run", _cmd_run, "run the Telegram bot (or the console chat when no token is set)")
    command("validate", _cmd_validate, "check every knowledge file; exit 1 with path:line: problem lines")
    p = command("export", _cmd_export, "print the whole knowledge base")
    p.add_argument("--json", action="store_true", help="as one JSON object (the default)")
    p.add_argument("--lang", default="en", choices=LANGUAGES, help="language of the texts")
    command("console", _cmd_console, "chat with the bot in this terminal")
    p = command("ask", _cmd_ask, "the reply the bot would send to TEXT, without Telegram")
    p.add_argument("--lang", choices=LANGUAGES, help="the user's chosen language")
    p.add_argument("--role", choices=("staff", "migrant"), help="the user's role")
    p.add_argument("--json", action="store_true", help='as {"text", "buttons"}')
    p.add_argument("text", nargs="+", help="the message")
    p = command("translations", _cmd_translations, "translation coverage per language (or --update the catalogs)")
    p.add_argument("--json", action="store_true", help="as one JSON object")
    p.add_argument("--update", action="store_true", help="refresh the .pot templates and merge them into every .po")
    p = command("match", _cmd_match, "match questions (JSON lines on stdin) to issues, JSON lines out")
    p.add_argument("--json", action="store_true", help="JSON lines (the only format)")
    return parser


def _knowledge(args: argparse.Namespace) -> KnowledgeBase:
    return load_knowledge(args.knowledge)


def _cmd_validate(args: argparse.Namespace) -> int:
    from bot.app import DEFAULT_LOCALES
    from bot.translations import catalog_problems

    kb = _knowledge(args)
    if problems := catalog_problems(DEFAULT_LOCALES):
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{len(problems)} problem(s) in the translation catalogs: fix them and try again.", file=sys.stderr)
        return 1
    print(
        f"ok: {len(kb.themes)} themes, {len(kb.issues)} issues, "
        f"{sum(len(i.actions) for i in kb.issues)} actions, {len(kb.indicators)} indicators, "
        f"{len(kb.contacts)} contacts, phrasings in {len(kb.phrasings)} languages"
    )
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from bot.app import DEFAULT_LOCALES
    from bot.i18n import Catalogs

    kb = _knowledge(args)
    catalogs = Catalogs(DEFAULT_LOCALES)
    data = export_knowledge(kb, lambda context, text: catalogs.knowledge(args.lang, context, text).text)
    data["lang"] = args.lang
    json.dump(data, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


def _cmd_run(args: argparse.Namespace) -> int:
    from bot.app import build_core
    from bot.config import ConfigError, load_settings

    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"Configuration problem: {exc}", file=sys.stderr)
        return 2
    core = build_core(args.knowledge)  # refuses to start on invalid knowledge (KnowledgeError)
    if not settings.use_telegram:
        print("No TELEGRAM_BOT_TOKEN is set: starting the chat in this terminal instead.\n", file=sys.stderr)
        from bot.console import run_console

        return run_console(core.conversation)
    from bot.logs import configure_logging
    from bot.telegram.app import run

    secrets = [settings.token or "", settings.webhook_secret, settings.user_key_secret.decode(errors="ignore")]
    configure_logging(secrets=secrets)
    return run(settings, core)


def _cmd_console(args: argparse.Namespace) -> int:
    from bot.app import build_core
    from bot.console import run_console

    return run_console(build_core(args.knowledge).conversation)


def _cmd_ask(args: argparse.Namespace) -> int:
    from bot.app import build_core
    from bot.conversation import Profile

    core = build_core(args.knowledge)
    outcome = core.conversation.on_text(Profile(lang=args.lang, role=args.role), " ".join(args.text))
    if args.json:
        replies = [r.to_json() for r in outcome.replies]
        merged = {
            "text": "\n\n".join(str(r["text"]) for r in replies),
            "buttons": [row for r in replies for row in r["buttons"]],  # type: ignore[attr-defined]
            "replies": replies,
            "lang": outcome.result.lang if outcome.result else None,
        }
        print(json.dumps(merged, ensure_ascii=False))
    else:
        print("\n\n".join(r.text for r in outcome.replies))
    return 0


def _cmd_match(args: argparse.Namespace) -> int:
    from bot.match import Matcher
    from bot.match.jsonl import match_lines

    matcher = Matcher(_knowledge(args))
    for line in match_lines(matcher, sys.stdin):
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
    return 0


def _cmd_translations(args: argparse.Namespace) -> int:
    from bot.app import DEFAULT_LOCALES, PROJECT_ROOT
    from bot.i18n import Catalogs
    from bot.translations import coverage_report, update_catalogs

    kb = _knowledge(args)
    if args.update:
        for path in update_catalogs(DEFAULT_LOCALES, PROJECT_ROOT, kb):
            print(f"updated {path.relative_to(PROJECT_ROOT)}")
        return 0
    report = coverage_report(Catalogs(DEFAULT_LOCALES), PROJECT_ROOT, kb)
    if args.json:
        print(json.dumps(report))
        return 0
    print(f"{'lang':6}{'UI':>8}{'knowledge':>11}{'outdated':>10}{'unreviewed':>12}")
    for lang, row in report.items():
        print(f"{lang:6}{row['ui']:>8.0%}{row['knowledge']:>11.0%}{row['outdated']:>10}{row['unreviewed']:>12}")
    return 0

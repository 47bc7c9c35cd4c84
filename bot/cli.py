"""One command line for everything: run (default), console, ask, match, validate, export, translations; and for
admins: insights, review, verify."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot.kb import KnowledgeError, load_knowledge
from bot.kb.export import export_knowledge
from bot.kb.model import KnowledgeBase
from bot.languages import LANGUAGES

if TYPE_CHECKING:
    from bot.callbacks import SendToClient
    from bot.conversation import Conversation, Outcome
    from bot.replies import Reply
    from bot.store.reports import Traffic

DEFAULT_KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"
REPORT_TIMEOUT = 30.0  # seconds for a report's database statements (an admin can wait; a person never does)


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
    p.add_argument("--hsds", type=Path, metavar="DIR", help="write the contacts as Open Referral HSDS files in DIR")
    command("console", _cmd_console, "chat with the bot in this terminal")
    p = command("ask", _cmd_ask, "the reply the bot would send to TEXT, without Telegram")
    p.add_argument("--lang", choices=LANGUAGES, help="the user's chosen language")
    p.add_argument("--role", choices=("staff", "migrant"), help="the user's role")
    p.add_argument("--json", action="store_true", help='as {"text", "buttons"}')
    p.add_argument("--area", help="the local area the person chose (an id from knowledge/areas/, e.g. derby)")
    p.add_argument(
        "--client",
        choices=LANGUAGES,
        metavar="LANG",
        help="then press 📲 Send to my client for a client reading LANG: the link, and its QR code saved as a PNG "
        "file (needs BOT_USERNAME)",
    )
    p.add_argument("--qr", type=Path, metavar="DIR", help="where --client saves the QR code (default data/images)")
    p.add_argument("text", nargs="+", help="the message")
    p = command("translations", _cmd_translations, "translation coverage per language (or --update the catalogs)")
    p.add_argument("--json", action="store_true", help="as one JSON object")
    p.add_argument("--update", action="store_true", help="refresh the .pot templates and merge them into every .po")
    p = command("match", _cmd_match, "match questions (JSON lines on stdin) to issues, JSON lines out")
    p.add_argument("--json", action="store_true", help="JSON lines (the only format)")
    p = command("insights", _cmd_insights, "what people asked (from DATABASE_URL): counts, charts, translations")
    p.add_argument("--days", type=_positive, default=30, help="how many days back, today included (default 30)")
    p.add_argument("--json", action="store_true", help="as one JSON object")
    p.add_argument("--html", type=Path, metavar="FILE", help="write a self-contained HTML report with charts")
    p = command("review", _cmd_review, "what needs an admin: unverified contacts, old content, translations, questions")
    p.add_argument("--json", action="store_true", help="as one JSON object")
    p.add_argument("--older-than", type=_positive, default=365, metavar="DAYS", help="content age to flag (365)")
    p.add_argument("--days", type=_positive, default=30, help="questions of the last DAYS days (default 30)")
    p = command("verify", _cmd_verify, "mark a contact verified: sets its 'verified:' date in its YAML file")
    p.add_argument("contact_id", metavar="CONTACT_ID")
    p.add_argument("--date", type=_date, default=None, help="the day the details were checked (default today)")
    return parser


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date: write it as YYYY-MM-DD") from None


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not '{value}'")
    return int(value)


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
    toolkit = [i for i in kb.issues if i.from_toolkit]
    print(
        f"ok: {len(kb.themes)} themes, {len(toolkit)} issues, "
        f"{sum(len(i.actions) for i in toolkit)} actions, {len(kb.indicators)} indicators, "
        f"{len(kb.contacts)} contacts, phrasings in {len(kb.phrasings)} languages; "
        f"from the other seeds: {len(kb.issues) - len(toolkit)} more issues, {len(kb.practices)} practices, "
        f"{len(kb.checklist.items) if kb.checklist else 0} checklist items, {len(kb.areas)} areas with "
        f"{sum(len(a.items) for a in kb.areas)} items"
    )
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from bot.app import DEFAULT_LOCALES
    from bot.i18n import Catalogs

    kb = _knowledge(args)
    if args.hsds:
        from bot.admin.hsds import export_hsds

        counts = export_hsds(kb, args.hsds)
        print(f"wrote {', '.join(f'{n} {table}' for table, n in counts.items())} rows to {args.hsds}", file=sys.stderr)
        return 0
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

        return run_console(core.conversation, bot_username=settings.bot_username)
    from bot.app import DEFAULT_LOCALES
    from bot.logs import configure_logging
    from bot.match import build_matcher
    from bot.reload import LiveCore, Reloader
    from bot.telegram.app import run

    secrets = [settings.token or "", settings.webhook_secret, settings.user_key_secret.decode(errors="ignore")]
    configure_logging(secrets=secrets)
    reloader = Reloader(LiveCore(core), args.knowledge, DEFAULT_LOCALES, build_matcher)
    return run(settings, core, reloader)


def _bot_username() -> tuple[bool, str | None]:
    """(ok, BOT_USERNAME): ok is False (and the problem printed) when the setting is wrong."""
    from bot.config import ConfigError, bot_username_setting

    try:
        return True, bot_username_setting()
    except ConfigError as exc:
        print(f"Configuration problem: {exc}", file=sys.stderr)
        return False, None


def _cmd_console(args: argparse.Namespace) -> int:
    from bot.app import build_core
    from bot.console import run_console

    ok, username = _bot_username()
    if not ok:
        return 2
    return run_console(build_core(args.knowledge).conversation, bot_username=username)


def _cmd_ask(args: argparse.Namespace) -> int:
    from bot.app import build_core
    from bot.conversation import Profile

    core = build_core(args.knowledge)
    if args.area and core.kb.area(args.area) is None:
        known = ", ".join(a.id for a in core.kb.areas) or "none in this knowledge folder"
        print(f"Unknown area '{args.area}': choose one of {known}.", file=sys.stderr)
        return 2
    ok, username = _bot_username()
    if not ok:
        return 2
    profile = Profile(lang=args.lang, role=args.role, area=args.area)
    outcome = core.conversation.on_text(profile, " ".join(args.text))
    replies = list(outcome.replies)
    saved: list[str] = []
    if args.client:
        button = _send_to_client(outcome.replies)
        if button is None:
            print("This reply has no 📲 Send to my client button (staff cards do): try --role staff.", file=sys.stderr)
            return 2
        pressed = core.conversation.on_button(outcome.profile, _for_language(button, args.client), username)
        replies.extend(pressed.replies)
        saved = _save_images(core.conversation, pressed, args.qr)
    if args.json:
        as_json = [r.to_json() for r in replies]
        merged = {
            "text": "\n\n".join(str(r["text"]) for r in as_json),
            "buttons": [row for r in as_json for row in r["buttons"]],  # type: ignore[attr-defined]
            "replies": as_json,
            "lang": outcome.result.lang if outcome.result else None,
            "images": saved,
        }
        print(json.dumps(merged, ensure_ascii=False))
    else:
        print("\n\n".join([*(r.text for r in replies), *saved]))
    return 0 if not args.client or saved else 2


def _send_to_client(replies: list[Reply]) -> SendToClient | None:
    """The 📲 Send to my client action of a card among the replies, if one has it."""
    from bot.callbacks import SendToClient, decode

    for reply in replies:
        for row in reply.buttons:
            for button in row:
                if isinstance(action := decode(button.data), SendToClient):
                    return action
    return None


def _for_language(action: SendToClient, lang: str) -> str:
    """The button data of the client's language in the picker that 📲 Send to my client shows."""
    from bot.callbacks import SendToClient, pack

    return pack(SendToClient(action.issue, lang))


def _save_images(conversation: Conversation, outcome: Outcome, folder: Path | None) -> list[str]:
    """Each image of the outcome saved as a PNG file: the lines that say where (the QR code of a client link)."""
    from bot.console import IMAGES, save_image
    from bot.effects import SendImage

    images = [e for e in outcome.effects if isinstance(e, SendImage)]
    return [save_image(conversation, image, folder or IMAGES, outcome.lang or "en") for image in images]


def _cmd_match(args: argparse.Namespace) -> int:
    from bot.match import build_matcher
    from bot.match.jsonl import match_lines

    matcher = build_matcher(_knowledge(args))
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


def _cmd_insights(args: argparse.Namespace) -> int:
    from bot.admin.charts import report_charts
    from bot.admin.insights import insights_report, summary_lines
    from bot.admin.report_html import render_html
    from bot.app import DEFAULT_LOCALES, PROJECT_ROOT
    from bot.i18n import Catalogs
    from bot.translations import coverage_report

    settings = _admin_database()
    if settings is None:
        return 2
    database_url, log_days = settings
    kb = _knowledge(args)
    translations = coverage_report(Catalogs(DEFAULT_LOCALES), PROJECT_ROOT, kb)
    traffic = _traffic(database_url, args.days)
    if traffic is None:
        return 1
    report = insights_report(traffic, kb, translations, log_days)
    if args.html:
        args.html.write_text(render_html(report, report_charts(report)), encoding="utf-8")
        print(f"wrote {args.html}", file=sys.stderr)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    elif not args.html:
        print("\n".join(summary_lines(report)))
    return 0


def _admin_database() -> tuple[str, int] | None:
    """The database and the unanswered-log setting for the admin commands; None (and a message) when wrong."""
    from bot.config import ConfigError, admin_database_settings

    try:
        return admin_database_settings()
    except ConfigError as exc:
        print(f"Configuration problem: {exc}", file=sys.stderr)
        return None


def _traffic(database_url: str, days: int) -> Traffic | None:
    """The stored counts of the last `days` days; None (and a message) when the database cannot be read."""
    import asyncio

    from bot.store import Store
    from bot.store.reports import traffic

    async def read() -> Traffic:
        store = Store(database_url, timeout=REPORT_TIMEOUT)
        try:
            return await traffic(store, days)
        finally:
            await store.close()

    try:
        return asyncio.run(read())
    except Exception as exc:
        print(f"Could not read the database ({type(exc).__name__}): check DATABASE_URL.", file=sys.stderr)
        return None


def _cmd_review(args: argparse.Namespace) -> int:
    from bot.admin.review import review_lines, review_report
    from bot.app import DEFAULT_LOCALES, PROJECT_ROOT
    from bot.i18n import Catalogs
    from bot.translations import coverage_report

    settings = _admin_database()
    if settings is None:
        return 2
    database_url, log_days = settings
    kb = _knowledge(args)
    catalogs = Catalogs(DEFAULT_LOCALES)
    report = review_report(
        kb,
        args.knowledge,
        catalogs,
        coverage_report(catalogs, PROJECT_ROOT, kb),
        _traffic(database_url, args.days),  # None: the review still lists everything else
        max_age_days=args.older_than,
        unanswered_log_days=log_days,
    )
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print("\n".join(review_lines(report)))
    return 0


def _cmd_verify(args: argparse.Namespace) -> int:
    from bot.admin.verify import VerifyError, verify_contact

    try:
        result = verify_contact(args.knowledge, args.contact_id, args.date or dt.date.today())
    except VerifyError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(result)
    return 0

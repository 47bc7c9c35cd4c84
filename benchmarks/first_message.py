"""How long a card's first message is: visible characters (no markup, no direction marks) of every issue's card,
for staff and for migrants, in every language — the median and the longest per role, English against the other 13.

    .venv/bin/python benchmarks/first_message.py [--areas] [--json] [--longest N] [--knowledge DIR] [--locales DIR]

`--areas` also renders each card for a person who chose each local area (/area). `--longest N` lists the N longest
first messages. The budget is about 1,000 characters (bot/replies/cards.py, FIRST_MESSAGE): a phone screen or two.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.i18n import Catalogs  # noqa: E402
from bot.kb import KnowledgeBase, load_knowledge  # noqa: E402
from bot.languages import LANGUAGES  # noqa: E402
from bot.replies import cards  # noqa: E402
from bot.replies.context import ROLES, RenderContext  # noqa: E402

INVISIBLE = dict.fromkeys(map(ord, "\u200f\u200e\u2066\u2067\u2068\u2069"))


def visible(text: str) -> int:
    """Characters a reader sees: the plain text without the direction marks of Arabic and Farsi."""
    return len(text.translate(INVISIBLE))


def measure(kb: KnowledgeBase, catalogs: Catalogs, areas: bool = False) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for lang in LANGUAGES:
        for role in ROLES:
            for area in (None, *(a.id for a in kb.areas)) if areas else (None,):
                for issue in kb.issues:
                    ctx = RenderContext(kb, catalogs.translator(lang), lang, role, catalogs, area=area)
                    card = cards.issue_card(ctx, issue)
                    rows.append(
                        {"issue": issue.id, "lang": lang, "role": role, "area": area, "chars": visible(card.text)}
                    )
    return rows


def summary(rows: list[dict[str, object]]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for role in ROLES:
        for group, test in (("en", lambda lang: lang == "en"), ("other", lambda lang: lang != "en")):
            sizes = [int(str(r["chars"])) for r in rows if r["role"] == role and test(str(r["lang"]))]
            out[f"{role} {group}"] = {"median": statistics.median(sizes), "max": max(sizes), "cards": len(sizes)}
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--areas", action="store_true", help="also for each local area")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--longest", type=int, default=0, metavar="N", help="list the N longest first messages")
    parser.add_argument("--knowledge", type=Path, default=ROOT / "knowledge")
    parser.add_argument("--locales", type=Path, default=ROOT / "locales")
    args = parser.parse_args()
    rows = measure(load_knowledge(args.knowledge), Catalogs(args.locales), args.areas)
    figures = summary(rows)
    if args.json:
        print(json.dumps({"summary": figures, "cards": rows}, ensure_ascii=False))
        return 0
    print(f"{'first message':18}{'median':>8}{'max':>7}{'cards':>7}")
    for name, row in figures.items():
        print(f"{name:18}{row['median']:>8.0f}{row['max']:>7.0f}{row['cards']:>7.0f}")
    for r in sorted(rows, key=lambda r: -int(str(r["chars"])))[: args.longest]:
        print(f"  {r['chars']:>5}  {r['lang']} {r['role']:8} {r['issue']}" + (f" ({r['area']})" if r["area"] else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
